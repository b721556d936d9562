package io.mcpaudit.exporter.file;

import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code file}: JSON lines appended to {@code mcp.audit.file.path}, rotated by size when {@code
 * mcp.audit.file.max_bytes} is set.
 */
public final class FileExporterProvider implements ExporterProvider {
  static final String PATH_KEY = "mcp.audit.file.path";
  static final String DEFAULT_PATH = "mcp-audit.jsonl";
  static final String MAX_BYTES_KEY = "mcp.audit.file.max_bytes";

  @Override
  public String name() {
    return "file";
  }

  @Override
  public AuditSink openSink(ExporterContext context) throws IOException {
    String path = context.get(PATH_KEY);
    return new FileSink(Path.of(path == null ? DEFAULT_PATH : path), context.getLong(MAX_BYTES_KEY, 0));
  }
}

package io.mcpaudit.exporter.stdout;

import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;

/** {@code stdout}: JSON lines on standard output. Never for stdio MCP servers, whose standard output is the protocol. */
public final class StdoutExporterProvider implements ExporterProvider {
  @Override
  public String name() {
    return "stdout";
  }

  @Override
  public AuditSink openSink(ExporterContext context) {
    return new StdoutSink();
  }
}

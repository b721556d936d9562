package io.mcpaudit.exporter.stdout;

import io.mcpaudit.exporter.spi.BatchingSink;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes JSON lines to the process's standard output (for containers whose log collector reads it).
 * Not for stdio MCP servers: their standard output is the protocol channel, and audit lines there
 * would corrupt it. It bypasses {@code System.out}, which the application may have redirected, and
 * uses the stream rather than a channel: an interrupted channel would close standard output for the
 * whole process.
 */
public final class StdoutSink extends BatchingSink {
  private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

  @Override
  protected void writeOut(ByteBuffer lines) throws IOException {
    out.write(lines.array(), lines.arrayOffset() + lines.position(), lines.remaining());
    lines.position(lines.limit());
  }

  @Override
  public void close() {
    flush();
  }

  @Override
  public String describe() {
    return "stdout";
  }
}

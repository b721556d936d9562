package io.mcpaudit.exporter.sink;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Writes JSON lines to the process's standard output (for containers whose log collector reads it).
 * Not for stdio MCP servers: their standard output is the protocol channel, and audit lines there
 * would corrupt it. It bypasses {@code System.out}, which the application may have redirected.
 */
public final class StdoutSink extends StreamSink {

  public StdoutSink() {
    super(new FileOutputStream(FileDescriptor.out));
  }

  @Override
  public void close() {
    try {
      out.flush();
    } catch (IOException ignored) {
      // standard output is gone; nothing left to tell
    }
  }

  @Override
  public String describe() {
    return "stdout";
  }
}

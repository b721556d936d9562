package io.mcpaudit.exporter.sink;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** A sink that appends lines to a buffered byte stream; subclasses decide where it goes and how it closes. */
abstract class StreamSink implements AuditSink {
  protected final BufferedOutputStream out;

  StreamSink(OutputStream target) {
    this.out = new BufferedOutputStream(target, 64 * 1024);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}

package io.mcpaudit.exporter.sink;

import java.io.IOException;

/** Where serialized events go. Called from the exporter thread only. */
public interface AuditSink {

  /** Appends one or more complete JSON lines. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Pushes buffered lines out; called at the end of every batch. */
  void flush() throws IOException;

  /** Flushes, makes durable where the medium allows, and releases the sink. Never throws. */
  void close();

  String describe();
}

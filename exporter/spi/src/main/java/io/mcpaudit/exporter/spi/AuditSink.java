package io.mcpaudit.exporter.spi;

/**
 * Where serialized events go. Called from the exporter thread only, or from the closing thread once the
 * exporter thread has stopped. A sink counts what it really wrote and what it lost: a line counts as
 * written only when it is out of the agent's buffers, and a failed write is counted, never retried
 * into a broken line.
 */
public interface AuditSink {

  /**
   * Takes one complete JSON line (ending in a newline). {@code activity} marks an {@code mcp_activity}
   * event, which the sink counts; gap and lifecycle lines are reports about the trail, counted apart.
   */
  void append(byte[] bytes, int offset, int length, boolean activity);

  /** Writes out everything appended; false when that failed (the loss is counted, see {@link #takeLost}). */
  boolean flush();

  /** Writes that failed so far (each lost a batch). */
  default long writeFailures() {
    return 0;
  }

  /** Activity events written out so far. */
  long activityWritten();

  /** Activity events lost so far. */
  long activityLost();

  /** Activity events lost since the last call, with the time of the first and last loss; null for none. */
  Loss takeLost();

  /** Flushes, makes durable where the medium allows, and releases the sink. Never throws. */
  void close();

  String describe();

  /** Events a sink lost between two reports: how many, and when. */
  record Loss(long events, long firstMillis, long lastMillis) {}
}

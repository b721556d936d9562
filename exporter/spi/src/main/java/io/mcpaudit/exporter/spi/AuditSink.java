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

  /** Lines of every type written out so far. */
  default long linesWritten() {
    return activityWritten();
  }

  /** Activity events lost so far. */
  long activityLost();

  /** Activity events lost since the last call, with the time of the first and last loss; null for none. */
  Loss takeLost();

  /** Flushes, makes durable where the medium allows, and releases the sink. Never throws. */
  void close();

  String describe();

  /** Whether the medium is due to be rotated (a file over its size limit); asked at the end of a batch. */
  default boolean rotationDue() {
    return false;
  }

  /** Closes the current medium and opens a fresh one; returns the rotated file's new name, or null when it failed. */
  default String rotate() {
    return null;
  }

  /**
   * The file this sink writes, when it is one: the integrity chain reads the end of the trail an earlier run
   * left there, so that the new chain can name it. Null for anything else.
   */
  default java.nio.file.Path trailFile() {
    return null;
  }

  /**
   * Events a sink lost between two reports: activity events ({@code events}), lines of every type ({@code
   * lines}: the holes in that sink's integrity chain), and when.
   */
  record Loss(long events, long lines, long firstMillis, long lastMillis) {}
}

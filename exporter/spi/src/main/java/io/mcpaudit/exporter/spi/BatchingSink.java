package io.mcpaudit.exporter.spi;

import io.mcpaudit.bootstrap.AgentLog;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A sink that collects lines in one buffer and writes them out with as few system calls as possible: at
 * the end of every batch of events, or when the buffer fills. When a write fails, the lines of that
 * buffer are counted as lost and dropped, never written again (a retry after a partial write would
 * repeat a fragment and break a line); subclasses cut the medium back to its last complete line where
 * they can ({@link #recover}), otherwise the next write starts on a fresh line. One warning per outage,
 * one line when it ends.
 */
public abstract class BatchingSink implements AuditSink {
  public static final int BATCH_BYTES = 64 * 1024;

  private final ByteBuffer batch = ByteBuffer.allocate(BATCH_BYTES);
  private int pendingActivity;
  private int pendingLines;
  private long activityWritten;
  private long linesWritten;
  private long activityLost;
  private long unreportedLost;
  private long unreportedLinesLost;
  private long firstLossMillis;
  private long lastLossMillis;
  /** The medium may end in a partial line that could not be cut away: the next write starts with a newline. */
  private boolean fragmentPending;
  private boolean failing;
  private long writeFailures;

  @Override
  public final void append(byte[] bytes, int offset, int length, boolean activity) {
    if (length > batch.remaining()) {
      flush();
    }
    if (length > batch.capacity()) {
      writeBatch(ByteBuffer.wrap(bytes, offset, length), activity ? 1 : 0, 1); // larger than any sane event
      return;
    }
    batch.put(bytes, offset, length);
    pendingLines++;
    if (activity) {
      pendingActivity++;
    }
  }

  @Override
  public final boolean flush() {
    if (batch.position() == 0) {
      return true;
    }
    batch.flip();
    int activity = pendingActivity;
    int lineCount = pendingLines;
    pendingActivity = 0;
    pendingLines = 0;
    try {
      return writeBatch(batch, activity, lineCount);
    } finally {
      batch.clear();
    }
  }

  private boolean writeBatch(ByteBuffer lines, int activity, int lineCount) {
    try {
      beforeWrite();
      if (fragmentPending) {
        writeOut(ByteBuffer.wrap(new byte[] {'\n'}), 0);
        fragmentPending = false;
      }
      writeOut(lines, lineCount);
      activityWritten += activity;
      linesWritten += lineCount;
      if (failing) {
        failing = false;
        AgentLog.info("audit sink " + describe() + " is writing again");
      }
      return true;
    } catch (IOException | RuntimeException e) {
      writeFailures++;
      activityLost += activity;
      unreportedLost += activity;
      unreportedLinesLost += lineCount;
      long now = System.currentTimeMillis();
      if (firstLossMillis == 0) {
        firstLossMillis = now;
      }
      lastLossMillis = now;
      fragmentPending = !recover();
      if (!failing) {
        failing = true;
        // the exception's class and message describe the medium (a path, "No space left on device"), not event data
        AgentLog.warn("audit sink " + describe() + " failed (" + e + "); lost events are counted and reported as audit_gap");
      }
      return false;
    }
  }

  /** The medium was replaced (a new file was opened): whatever fragment the old one ended in is not its concern. */
  protected final void freshMedium() {
    fragmentPending = false;
  }

  /** Called before every write: a chance to notice that the medium moved (a rotated or deleted file). */
  protected void beforeWrite() throws IOException {}

  /** Writes every remaining byte of {@code lines} or throws. */
  protected abstract void writeOut(ByteBuffer lines) throws IOException;

  /** As {@link #writeOut(ByteBuffer)}, told how many complete lines the bytes hold (a journal numbers them). */
  protected void writeOut(ByteBuffer lines, int lineCount) throws IOException {
    writeOut(lines);
  }

  /** After a failed write: cuts the medium back to its last complete line; false when that is impossible. */
  protected boolean recover() {
    return false;
  }

  @Override
  public final long writeFailures() {
    return writeFailures;
  }

  @Override
  public final long activityWritten() {
    return activityWritten;
  }

  @Override
  public final long linesWritten() {
    return linesWritten;
  }

  @Override
  public final long activityLost() {
    return activityLost + pendingActivity;
  }

  @Override
  public final Loss takeLost() {
    if (unreportedLinesLost == 0) {
      return null;
    }
    Loss loss = new Loss(unreportedLost, unreportedLinesLost, firstLossMillis, lastLossMillis);
    unreportedLost = 0;
    unreportedLinesLost = 0;
    firstLossMillis = 0;
    return loss;
  }
}

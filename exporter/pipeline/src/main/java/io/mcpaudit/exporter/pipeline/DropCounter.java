package io.mcpaudit.exporter.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts calls a producer could not publish, by reason: the ring was full ({@code queue_full}), or the
 * pipeline had already begun to stop ({@code shutdown}: a request that finished after the shutdown
 * grace), and when that happened. Producers only increment; the exporter reads the totals and reports
 * the difference since its last report as an {@code audit_gap} event.
 */
public final class DropCounter {
  private final LongAdder queueFull = new LongAdder();
  private final LongAdder shutdown = new LongAdder();
  private final AtomicLong firstMillis = new AtomicLong();
  private final AtomicLong lastMillis = new AtomicLong();

  /** The ring was full. */
  public void drop() {
    queueFull.increment();
    long now = System.currentTimeMillis();
    firstMillis.compareAndSet(0, now);
    lastMillis.set(now);
  }

  /** The pipeline was stopping: the call finished too late to be recorded. */
  public void dropAtShutdown() {
    shutdown.increment();
  }

  public long queueFull() {
    return queueFull.sum();
  }

  public long atShutdown() {
    return shutdown.sum();
  }

  public long total() {
    return queueFull.sum() + shutdown.sum();
  }

  public long lastMillis() {
    return lastMillis.get();
  }

  /** The first queue-full drop since the previous call, starting a new window (approximate under races). */
  public long takeWindowStart() {
    return firstMillis.getAndSet(0);
  }
}

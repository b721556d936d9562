package io.mcpaudit.exporter.pipeline;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events a producer could not publish (ring full, or after shutdown) and when that happened.
 * Producers only increment; the exporter reads the total and reports the difference since its last
 * report as an {@code audit_gap} event.
 */
public final class DropCounter {
  private final LongAdder dropped = new LongAdder();
  private final AtomicLong firstMillis = new AtomicLong();
  private final AtomicLong lastMillis = new AtomicLong();

  public void drop() {
    dropped.increment();
    long now = System.currentTimeMillis();
    firstMillis.compareAndSet(0, now);
    lastMillis.set(now);
  }

  public long total() {
    return dropped.sum();
  }

  public long lastMillis() {
    return lastMillis.get();
  }

  /** The first drop since the previous call, starting a new window (approximate under races). */
  public long takeWindowStart() {
    return firstMillis.getAndSet(0);
  }
}

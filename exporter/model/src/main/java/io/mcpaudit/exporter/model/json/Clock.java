package io.mcpaudit.exporter.model.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Turns {@code System.nanoTime()} stamps taken on request threads into UTC wall-clock time. The
 * request thread records only nanoTime (cheap, monotonic); the exporter keeps a wall-clock anchor it
 * refreshes about once a second, so the conversion stays accurate to clock drift over a second.
 */
public final class Clock {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final long REFRESH_NANOS = 1_000_000_000L;

  private long anchorNanos;
  private long anchorEpochMicros;

  public Clock() {
    refresh();
  }

  /** Re-reads the wall clock when the anchor is older than a second. */
  public void refreshIfStale() {
    if (System.nanoTime() - anchorNanos > REFRESH_NANOS) {
      refresh();
    }
  }

  private void refresh() {
    Instant now = Instant.now();
    anchorNanos = System.nanoTime();
    anchorEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  public long epochMicros(long nanoTime) {
    return anchorEpochMicros + (nanoTime - anchorNanos) / 1_000;
  }

  public long nowMicros() {
    return epochMicros(System.nanoTime());
  }

  /** {@code 2026-11-22T10:15:30.123456Z}. The date-time part is formatted once per second. */
  public static String format(long epochMicros) {
    long second = Math.floorDiv(epochMicros, 1_000_000L);
    int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
    SecondPrefix cached = lastSecond;
    if (cached == null || cached.second != second) {
      cached = new SecondPrefix(second, SECONDS.format(Instant.ofEpochSecond(second)));
      lastSecond = cached;
    }
    char[] out = new char[cached.prefix.length() + 8];
    cached.prefix.getChars(0, cached.prefix.length(), out, 0);
    int at = cached.prefix.length();
    out[at] = '.';
    for (int i = 6; i >= 1; i--) {
      out[at + i] = (char) ('0' + micros % 10);
      micros /= 10;
    }
    out[at + 7] = 'Z';
    return new String(out);
  }

  /** Immutable, so a racy read from another thread sees a consistent pair. */
  private record SecondPrefix(long second, String prefix) {}

  private static volatile SecondPrefix lastSecond;
}

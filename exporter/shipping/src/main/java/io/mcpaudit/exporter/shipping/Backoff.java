package io.mcpaudit.exporter.shipping;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries: exponential from {@code initial} to {@code max}, each with ±20 % jitter so that
 * many agents that lost the same collector do not come back in step. A {@code Retry-After} the endpoint
 * sent wins, up to {@link #MAX_RETRY_AFTER_MILLIS}.
 */
final class Backoff {
  static final long MAX_RETRY_AFTER_MILLIS = 5 * 60_000;

  private final long initialMillis;
  private final long maxMillis;
  private long nextMillis;

  Backoff(long initialMillis, long maxMillis) {
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.nextMillis = initialMillis;
  }

  /** The delay before the next attempt. */
  long next(long retryAfterMillis) {
    long base = nextMillis;
    nextMillis = Math.min(maxMillis, nextMillis * 2);
    if (retryAfterMillis > 0) {
      return Math.min(retryAfterMillis, MAX_RETRY_AFTER_MILLIS);
    }
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.max(1, (long) (base * jitter));
  }

  void reset() {
    nextMillis = initialMillis;
  }
}

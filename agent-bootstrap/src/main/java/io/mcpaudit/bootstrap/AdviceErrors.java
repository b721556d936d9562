package io.mcpaudit.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts exceptions thrown inside advice. Byte Buddy's suppression handler calls {@link
 * #record(Throwable)} instead of letting them reach the application; tests assert the count is zero.
 */
public final class AdviceErrors {
  private static final AtomicLong count = new AtomicLong();

  private AdviceErrors() {}

  public static void record(Throwable t) {
    try {
      count.incrementAndGet();
      AgentLog.warnOnce(
          "advice:" + (t == null ? "null" : t.getClass().getName()),
          "suppressed an exception inside instrumentation (the application was not affected): " + t);
    } catch (Throwable ignored) {
      // nothing may escape
    }
  }

  public static long count() {
    return count.get();
  }
}

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
      String type = t == null ? "null" : t.getClass().getName();
      // type and place only: a message could quote application data the advice was handling
      StackTraceElement[] at = t == null ? new StackTraceElement[0] : t.getStackTrace();
      AgentLog.warnOnce("advice:" + type,
          "suppressed " + type + (at.length > 0 ? " at " + at[0] : "")
              + " inside instrumentation (the application was not affected)");
    } catch (Throwable ignored) {
      // nothing may escape
    }
  }

  public static long count() {
    return count.get();
  }
}

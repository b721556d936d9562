package io.mcpaudit.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Which bridge methods only the agent itself may call: connecting the pipeline, reading credentials,
 * configuration. The bootstrap classes are visible to every class loader, so these check their real
 * caller (a stack frame, not an argument) against the agent's own class loader. Advice entry points
 * cannot be checked this way (they run inlined in application classes) and hand out nothing.
 *
 * <p>Deep reflection ({@code setAccessible} on the agent's private members) is outside what any
 * in-process API can prevent; the guarantee is that the public API gives nothing away.
 */
public final class AgentCaller {
  private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
  private static final AtomicLong refused = new AtomicLong();

  private AgentCaller() {}

  /**
   * Whether the caller of the method calling this one belongs to the agent (always true when this JVM
   * runs the bridge without the agent: unit tests, benchmarks). A refusal is counted and logged once.
   */
  public static boolean allowed(String what) {
    AgentClassLoader agent = AgentClassLoader.agent();
    if (agent == null) {
      // no agent in this JVM (tests, benchmarks), unless one is starting: then nobody but it may call yet
      return System.getProperty("mcp.audit.attached") == null || refuse(what);
    }
    Class<?> caller = STACK.walk(frames -> frames.skip(2).findFirst().map(StackWalker.StackFrame::getDeclaringClass)
        .orElse(null));
    if (caller != null && caller.getClassLoader() == agent) {
      return true;
    }
    return refuse(what);
  }

  private static boolean refuse(String what) {
    refused.incrementAndGet();
    AgentLog.warnOnce("bridge-refused:" + what,
        "refused a call to " + what + " from outside the agent (the audit path is unchanged)");
    return false;
  }

  /** Calls refused so far. */
  public static long refusedCalls() {
    return refused.get();
  }
}

package io.mcpaudit.bootstrap.context;

import io.mcpaudit.bootstrap.ServerCall;

/**
 * The request a thread is working on. Entered while the request's Mono is subscribed (on the request
 * thread) and while work it scheduled runs (on Reactor's pool threads), with the request's ids put in
 * the application's log context; leaving restores exactly what was there, so nothing leaks into the
 * next task a pooled thread runs.
 */
public final class CallScope {
  private static final ThreadLocal<ServerCall> CURRENT = new ThreadLocal<>();

  private CallScope() {}

  public static ServerCall current() {
    return CURRENT.get();
  }

  /** Makes {@code call} current; returns the token {@link #exit} needs. */
  public static Object enter(ServerCall call) {
    Saved saved = new Saved(CURRENT.get());
    CURRENT.set(call);
    String[] keys = Propagation.logKeys();
    if (keys.length > 0 && call.owner != null) {
      LogContext log = LogContext.of(call.owner.getClass());
      TraceContext trace = call.trace();
      saved.log = log;
      saved.keys = keys;
      saved.values = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null && !keys[i].isEmpty()) {
          saved.values[i] = log.get(keys[i]);
          log.set(keys[i], switch (i) {
            case 0 -> trace.correlationId;
            case 1 -> trace.traceId;
            default -> call.toolName();
          });
        }
      }
    }
    return saved;
  }

  /** Restores the current request and log context to what they were before {@link #enter}. */
  public static void exit(Object token) {
    if (!(token instanceof Saved saved)) {
      return;
    }
    if (saved.log != null) {
      String[] keys = saved.keys;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null && !keys[i].isEmpty()) {
          saved.log.set(keys[i], saved.values[i]);
        }
      }
    }
    if (saved.previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(saved.previous);
    }
  }

  private static final class Saved {
    final ServerCall previous;
    LogContext log;
    String[] keys;
    String[] values;

    Saved(ServerCall previous) {
      this.previous = previous;
    }
  }
}

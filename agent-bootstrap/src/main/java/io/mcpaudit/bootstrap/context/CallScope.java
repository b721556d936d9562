package io.mcpaudit.bootstrap.context;

/**
 * The request a thread is working on. Entered while the request's Mono is subscribed (on the request
 * thread) and while work it scheduled runs (on Reactor's pool threads), with the request's ids put in
 * the application's log context; leaving restores exactly what was there, so nothing leaks into the
 * next task a pooled thread runs.
 *
 * <p>What is current is a {@link RequestScope}: the request's trace context and tool name, nothing
 * else. Work that outlives the request (a task it scheduled) can therefore keep no SDK objects and no
 * credentials alive.
 */
public final class CallScope {
  private static final ThreadLocal<RequestScope> CURRENT = new ThreadLocal<>();

  private CallScope() {}

  public static RequestScope current() {
    return CURRENT.get();
  }

  /** Makes {@code scope} current; returns the token {@link #exit} needs. */
  public static Object enter(RequestScope scope) {
    Saved saved = new Saved(CURRENT.get());
    CURRENT.set(scope);
    String[] keys = Propagation.logKeys();
    LogContext log = scope.log;
    if (keys.length > 0 && log != null) {
      saved.log = log;
      saved.keys = keys;
      saved.values = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null && !keys[i].isEmpty()) {
          saved.values[i] = log.get(keys[i]);
          log.set(keys[i], switch (i) {
            case 0 -> scope.trace.correlationId;
            case 1 -> scope.trace.traceId;
            default -> scope.toolName;
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
    final RequestScope previous;
    LogContext log;
    String[] keys;
    String[] values;

    Saved(RequestScope previous) {
      this.previous = previous;
    }
  }
}

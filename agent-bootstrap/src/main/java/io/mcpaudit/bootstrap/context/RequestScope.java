package io.mcpaudit.bootstrap.context;

/**
 * What a thread working for a request needs to know about it: its trace context (for log lines and
 * downstream calls) and, for {@code tools/call}, the tool's name. Immutable, and free of SDK objects
 * and credentials, so holding one longer than the request (a scheduled task) costs nothing sensitive.
 */
public final class RequestScope {
  public final TraceContext trace;
  /** The tool name for the log context: null unless it is a safe, short token (see {@link RequestFacts#toolName}). */
  public final String toolName;
  /** The logging context the application's classes see, or null when there is no application class to ask. */
  final LogContext log;

  private RequestScope(TraceContext trace, String toolName, LogContext log) {
    this.trace = trace;
    this.toolName = toolName;
    this.log = log;
  }

  /**
   * @param appClass a class of the application (the SDK session that dispatched the request), whose
   *     class loader decides which MDC implementation is meant; null for none
   */
  public static RequestScope of(TraceContext trace, String toolName, Class<?> appClass) {
    return new RequestScope(trace, toolName, appClass == null ? null : LogContext.of(appClass));
  }

  /**
   * Reactor {@code Schedulers.onScheduleHook} support: {@code task} wrapped to run inside this scope
   * once. A periodic task ({@code Flux.interval} started while handling a request) runs its first tick
   * inside the scope and every later tick outside it, and the wrapper lets go of the scope after that
   * first run.
   */
  public Runnable once(Runnable task) {
    return new ScopedOnce(this, task);
  }

  private static final class ScopedOnce implements Runnable {
    private volatile RequestScope scope;
    private final Runnable task;

    ScopedOnce(RequestScope scope, Runnable task) {
      this.scope = scope;
      this.task = task;
    }

    @Override
    public void run() {
      RequestScope current = scope;
      if (current == null) {
        task.run();
        return;
      }
      scope = null;
      Object token = CallScope.enter(current);
      try {
        task.run();
      } finally {
        CallScope.exit(token);
      }
    }
  }
}

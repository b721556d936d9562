package io.mcpaudit.bootstrap.context;

import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Settings for carrying a request's correlation into the application while it is handled: its log
 * context (MDC / ThreadContext keys) and the headers of HTTP calls it makes. Set once at start.
 */
public final class Propagation {
  private static volatile boolean enabled = true;
  private static volatile String[] logKeys = {"mcp.correlation_id", "trace_id", "mcp.tool.name"};
  private static volatile boolean http = true;
  private static volatile String correlationHeader = "X-Correlation-ID";

  /** Keeps every header when a JDK {@code HttpRequest} is copied to add ours. */
  public static final BiPredicate<String, String> KEEP_ALL_HEADERS = (name, value) -> true;

  private static final Function<Runnable, Runnable> SCHEDULE_HOOK = task -> {
    RequestScope scope = CallScope.current();
    return scope == null ? task : scope.once(task);
  };

  private Propagation() {}

  /**
   * @param logKeys MDC keys for correlation id, trace id and tool name; a null or empty entry is not set
   * @param httpHeaders whether outgoing JDK HTTP calls get {@code traceparent} and the correlation header
   * @param correlationHeader the header that carries the correlation id downstream
   */
  public static void configure(boolean on, String[] logKeys, boolean httpHeaders, String correlationHeader) {
    if (!io.mcpaudit.bootstrap.AgentCaller.allowed("Propagation.configure")) {
      return;
    }
    Propagation.logKeys = logKeys.clone();
    Propagation.http = httpHeaders;
    Propagation.correlationHeader = correlationHeader;
    Propagation.enabled = on;
  }

  /** Whether requests are handled inside a scope at all (advice checks this before wrapping). */
  public static boolean enabled() {
    return enabled;
  }

  static String[] logKeys() {
    return logKeys;
  }

  /**
   * Reactor {@code Schedulers.onScheduleHook} function: work scheduled while a request is current (a
   * synchronous tool moved to {@code boundedElastic}, say) runs with that request current, once (see
   * {@link RequestScope#once}: a periodic task does not carry the request into every later tick).
   */
  public static Function<Runnable, Runnable> scheduleHook() {
    return SCHEDULE_HOOK;
  }

  /** The {@code traceparent} for an outgoing HTTP call made while handling a request, else null. */
  public static String outgoingTraceparent() {
    RequestScope scope = http ? CallScope.current() : null;
    return scope == null ? null : scope.trace.childTraceparent();
  }

  public static String outgoingCorrelationHeader() {
    return correlationHeader;
  }

  /** The correlation id for an outgoing HTTP call made while handling a request, else null. */
  public static String outgoingCorrelationId() {
    RequestScope scope = http ? CallScope.current() : null;
    return scope == null ? null : scope.trace.correlationId;
  }

  /**
   * Adds {@code traceparent} and the correlation header to a {@link java.net.HttpURLConnection} that
   * is about to connect, unless the application set a traceparent itself.
   */
  public static void decorate(Object connection) {
    String traceparent = outgoingTraceparent();
    if (traceparent == null || !(connection instanceof java.net.URLConnection c)) {
      return;
    }
    try {
      if (c.getRequestProperty("traceparent") == null) {
        c.setRequestProperty("traceparent", traceparent);
        String header = correlationHeader;
        if (header != null && !header.isEmpty() && c.getRequestProperty(header) == null) {
          c.setRequestProperty(header, outgoingCorrelationId());
        }
      }
    } catch (IllegalStateException alreadyConnected) {
      // headers are fixed once connected; the first of connect/getOutputStream/getInputStream added them
    }
  }
}

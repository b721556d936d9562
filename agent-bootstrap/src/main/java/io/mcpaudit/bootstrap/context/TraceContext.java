package io.mcpaudit.bootstrap.context;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The correlation id and W3C trace identity of one MCP request, chosen in the documented order: a
 * {@code traceparent} in {@code params._meta}, a {@code traceparent} header, the first configured
 * correlation header, else generated. Decided once per request, either on the request path (when it
 * must be propagated to logs and downstream calls) or by the exporter, so both always agree.
 */
public final class TraceContext {
  /** Longest correlation header value taken as is; longer values are not trusted as ids. */
  static final int MAX_CORRELATION_LENGTH = 128;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public final String correlationId;
  /**
   * {@code meta.traceparent}, {@code header.traceparent}, {@code header.<name>}, {@code generated}, or for
   * a request this process sends while handling another, {@code context}.
   */
  public final String correlationSource;
  public final String traceId;
  /** This request's span: the parent of anything it calls downstream. */
  public final String spanId;
  /** The caller's span, when the request carried a traceparent. */
  public final String parentSpanId;
  /** Trace flags, two hex digits ({@code 01} = sampled when the trace starts here). */
  public final String flags;

  private TraceContext(String correlationId, String source, String traceId, String parentSpanId, String flags) {
    this(correlationId, source, traceId, randomHex(16), parentSpanId, flags);
  }

  private TraceContext(
      String correlationId, String source, String traceId, String spanId, String parentSpanId, String flags) {
    this.correlationId = correlationId;
    this.correlationSource = source;
    this.traceId = traceId;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    this.flags = flags;
  }

  /**
   * @param metaTraceparent the {@code traceparent} entry of the request's {@code _meta}, if any
   * @param http what the HTTP layer copied, or null (stdio)
   */
  public static TraceContext resolve(Object metaTraceparent, HttpRequestInfo http) {
    if (metaTraceparent instanceof String tp && isValidTraceparent(tp)) {
      return fromTraceparent(tp, "meta.traceparent");
    }
    if (http != null && isValidTraceparent(http.traceparent)) {
      return fromTraceparent(http.traceparent, "header.traceparent");
    }
    String traceId = randomHex(32);
    if (http != null && isSafeCorrelationValue(http.correlationValue)) {
      String header = http.correlationHeader == null ? "unknown" : http.correlationHeader.toLowerCase(Locale.ROOT);
      return new TraceContext(http.correlationValue, "header." + header, traceId, null, "01");
    }
    return new TraceContext(traceId, "generated", traceId, null, "01");
  }

  /**
   * A request this process sends (an MCP client call, or a server-to-client request): its own span, in
   * the trace of the request being handled when there is one ({@code context}), else a new trace.
   * A {@code traceparent} the application already put in {@code _meta} is respected: it names the
   * trace and the span the request comes from.
   *
   * @param handling the trace of the request this thread is handling, or null
   * @param metaTraceparent a {@code traceparent} already in the outgoing request's {@code _meta}, or null
   */
  public static TraceContext outbound(TraceContext handling, Object metaTraceparent) {
    if (metaTraceparent instanceof String tp && isValidTraceparent(tp)) {
      String traceId = tp.substring(3, 35);
      String parent = handling != null && handling.traceId.equals(traceId) ? handling.spanId : null;
      return new TraceContext(traceId, "meta.traceparent", traceId, tp.substring(36, 52), parent, tp.substring(53, 55));
    }
    if (handling != null) {
      return new TraceContext(handling.correlationId, "context", handling.traceId, handling.spanId, handling.flags);
    }
    String traceId = randomHex(32);
    return new TraceContext(traceId, "generated", traceId, null, "01");
  }

  private static TraceContext fromTraceparent(String tp, String source) {
    String traceId = tp.substring(3, 35);
    return new TraceContext(traceId, source, traceId, tp.substring(36, 52), tp.substring(53, 55));
  }

  /**
   * The {@code traceparent} that makes a callee a child of this span: sent downstream by a request being
   * handled, and put into {@code _meta} of a request this process sends.
   */
  public String childTraceparent() {
    return "00-" + traceId + "-" + spanId + "-" + flags;
  }

  /** Version 00 layout: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}, ids not all zero. */
  public static boolean isValidTraceparent(String value) {
    if (value == null || value.length() < 55) {
      return false;
    }
    if (value.length() > 55 && (value.startsWith("00") || value.charAt(55) != '-')) {
      return false; // version 00 has exactly four fields; later versions may append more
    }
    return value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-'
        && isHex(value, 0, 2) && !value.startsWith("ff")
        && isHex(value, 3, 35) && !allZero(value, 3, 35)
        && isHex(value, 36, 52) && !allZero(value, 36, 52)
        && isHex(value, 53, 55);
  }

  /**
   * A correlation id from a client-controlled header ends up in events, in the application's log lines
   * and in downstream request headers, so only plain token characters are accepted as they are; any
   * other value is ignored and an id is generated instead (no log forging, no header injection).
   */
  static boolean isSafeCorrelationValue(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_CORRELATION_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '+' || c == '=' || c == '@' || c == '~';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /** Random lowercase hex, never all zero (W3C forbids all-zero ids). */
  static String randomHex(int digits) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[digits];
    long bits = 0;
    for (int i = 0; i < digits; i++) {
      if ((i & 15) == 0) {
        bits = random.nextLong();
      }
      out[i] = HEX[(int) (bits & 0xF)];
      bits >>>= 4;
    }
    out[digits - 1] = HEX[1 + random.nextInt(15)];
    return new String(out);
  }
}

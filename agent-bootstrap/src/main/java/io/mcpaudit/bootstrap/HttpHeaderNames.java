package io.mcpaudit.bootstrap;

import java.util.Enumeration;

/**
 * The request headers an audit copies, as one array an HTTP advice reads in a loop: the standard ones,
 * then the configured correlation headers, then the configured identity headers. Each web stack's
 * advice only knows how to read a header; {@link HttpRequestInfo#setHeaders} knows what each means.
 */
public final class HttpHeaderNames {
  /** Fixed order: {@link HttpRequestInfo#setHeaders} reads these by position. */
  static final String[] STANDARD = {
      "Authorization", "traceparent", "tracestate", "MCP-Protocol-Version", "Mcp-Session-Id", "User-Agent"};
  /** Position of the forwarding header (the configured one of {@code X-Forwarded-For} and {@code Forwarded}). */
  static final int FORWARDED = STANDARD.length;
  static final int FIRST_CORRELATION = FORWARDED + 1;
  /** Longest forwarding chain copied; proxies limit header sizes well below this. */
  static final int MAX_FORWARDED_CHARS = 16_384;

  private final String[] names;
  final int identityStart;
  /** The forwarding header holds {@code Forwarded} (RFC 7239) syntax rather than {@code X-Forwarded-For}. */
  final boolean rfc7239;

  HttpHeaderNames(String forwardedHeader, String[] correlation, String[] identity) {
    names = new String[FIRST_CORRELATION + correlation.length + identity.length];
    System.arraycopy(STANDARD, 0, names, 0, STANDARD.length);
    names[FORWARDED] = forwardedHeader;
    rfc7239 = forwardedHeader.equalsIgnoreCase("Forwarded");
    System.arraycopy(correlation, 0, names, FIRST_CORRELATION, correlation.length);
    identityStart = FIRST_CORRELATION + correlation.length;
    System.arraycopy(identity, 0, names, identityStart, identity.length);
  }

  /** How many headers an advice reads: the length of the values array it hands to {@link HttpRequestInfo#setHeaders}. */
  public int count() {
    return names.length;
  }

  /** The name of the header at {@code index}. */
  public String name(int index) {
    return names[index];
  }

  String[] names() {
    return names;
  }

  /**
   * Whether every line of the header at {@code index} must be read ({@link #joinLines}). Only the
   * forwarding chain: a proxy may add its hop as a line of its own, after the lines the client wrote.
   */
  public boolean allLines(int index) {
    return index == FORWARDED;
  }

  /**
   * The lines of a repeated header joined with {@code ", "}, as HTTP defines them to combine; null for none.
   * Past {@link #MAX_FORWARDED_CHARS} the rightmost part is kept: the hops nearest to this server were written
   * by the proxies, the leftmost by the client.
   */
  public static String joinLines(Enumeration<String> lines) {
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    String first = lines.nextElement();
    if (!lines.hasMoreElements()) {
      return keepRight(first);
    }
    StringBuilder joined = new StringBuilder(first);
    while (lines.hasMoreElements()) {
      joined.append(", ").append(lines.nextElement());
    }
    return keepRight(joined.toString());
  }

  /** {@link #joinLines(Enumeration)} for header APIs that return a list. */
  public static String joinLines(Iterable<?> lines) {
    if (lines == null) {
      return null;
    }
    StringBuilder joined = null;
    for (Object line : lines) {
      if (joined == null) {
        joined = new StringBuilder(String.valueOf(line));
      } else {
        joined.append(", ").append(line);
      }
    }
    return joined == null ? null : keepRight(joined.toString());
  }

  private static String keepRight(String chain) {
    if (chain.length() <= MAX_FORWARDED_CHARS) {
      return chain;
    }
    String tail = chain.substring(chain.length() - MAX_FORWARDED_CHARS);
    int comma = tail.indexOf(',');
    return comma < 0 ? tail : tail.substring(comma + 1).trim(); // start at a whole hop
  }
}

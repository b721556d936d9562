package io.mcpaudit.bootstrap;

/**
 * The request headers an audit copies, as one array an HTTP advice reads in a loop: the standard ones,
 * then the configured correlation headers, then the configured identity headers. Each web stack's
 * advice only knows how to read a header; {@link HttpRequestInfo#setHeaders} knows what each means.
 */
public final class HttpHeaderNames {
  /** Fixed order: {@link HttpRequestInfo#setHeaders} reads these by position. */
  static final String[] STANDARD = {
      "Authorization", "traceparent", "tracestate", "MCP-Protocol-Version", "Mcp-Session-Id", "User-Agent",
      "X-Forwarded-For", "Forwarded"};

  private final String[] names;
  final int identityStart;

  HttpHeaderNames(String[] correlation, String[] identity) {
    names = new String[STANDARD.length + correlation.length + identity.length];
    System.arraycopy(STANDARD, 0, names, 0, STANDARD.length);
    System.arraycopy(correlation, 0, names, STANDARD.length, correlation.length);
    identityStart = STANDARD.length + correlation.length;
    System.arraycopy(identity, 0, names, identityStart, identity.length);
  }

  /** The names to read; the caller must not change the array. */
  public String[] names() {
    return names;
  }
}

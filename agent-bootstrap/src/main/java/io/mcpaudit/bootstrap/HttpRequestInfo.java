package io.mcpaudit.bootstrap;

/**
 * What the HTTP layer knew about the request that carried an MCP message, copied on the request
 * thread (servlet request objects are recycled, so nothing may read them later). Only immutable
 * strings and numbers; credentials are kept as references and reduced to their scheme off the
 * request thread.
 */
public final class HttpRequestInfo {
  public String remoteAddr;
  public int remotePort = -1;
  public long contentLength = -1;
  /** Raw Authorization header; only its scheme ever leaves the agent. */
  public String authorization;
  public String traceparent;
  public String tracestate;
  /** Name and value of the first configured correlation header that was present. */
  public String correlationHeader;
  public String correlationValue;
  public String protocolVersion;
  public String sessionId;
  public String userAgent;
  /** Raw {@code X-Forwarded-For} and {@code Forwarded}; believed only from configured trusted proxies. */
  public String forwardedFor;
  public String forwarded;
  /** Values of the configured identity headers, in the order of {@link AuditBridge#identityHeaders()}. */
  public String[] identityHeaderValues;
  /** The client's TLS certificate (an immutable JDK object) when the connector asked for one. */
  public java.security.cert.X509Certificate clientCertificate;

  /** Takes the values of {@code wanted}'s headers (null where absent), in its order. */
  public void setHeaders(HttpHeaderNames wanted, String[] values) {
    authorization = values[0];
    traceparent = values[1];
    tracestate = values[2];
    protocolVersion = values[3];
    sessionId = values[4];
    userAgent = values[5];
    forwardedFor = values[6];
    forwarded = values[7];
    String[] names = wanted.names();
    for (int i = HttpHeaderNames.STANDARD.length; i < wanted.identityStart; i++) {
      if (values[i] != null) { // the first configured correlation header present wins
        correlationHeader = names[i];
        correlationValue = values[i];
        break;
      }
    }
    if (wanted.identityStart < names.length) {
      identityHeaderValues = java.util.Arrays.copyOfRange(values, wanted.identityStart, names.length);
    }
  }
}

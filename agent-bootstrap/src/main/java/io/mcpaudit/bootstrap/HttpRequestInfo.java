package io.mcpaudit.bootstrap;

/**
 * What the HTTP layer knew about the request that carried an MCP message, copied on the request
 * thread (servlet request objects are recycled, so nothing may read them later). Only immutable
 * strings and numbers. The {@code Authorization} value is not part of the public API: only the
 * exporter, through {@link CredentialReader}, reads it, and only derived fields ever leave the agent.
 */
public final class HttpRequestInfo {
  public String remoteAddr;
  public int remotePort = -1;
  public long contentLength = -1;
  /** Raw Authorization header; read through {@link CredentialReader} only. */
  String authorization;
  public String traceparent;
  public String tracestate;
  /** Name and value of the first configured correlation header that was present. */
  public String correlationHeader;
  public String correlationValue;
  public String protocolVersion;
  public String sessionId;
  public String userAgent;
  /**
   * Every line of the configured forwarding header ({@code X-Forwarded-For} or RFC 7239 {@code
   * Forwarded}), joined; believed only from configured trusted proxies.
   */
  public String forwarded;
  /** Whether {@link #forwarded} is in RFC 7239 syntax. */
  public boolean forwardedRfc7239;
  /** Values of the configured identity headers, in the order they were configured. */
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
    forwarded = values[HttpHeaderNames.FORWARDED];
    forwardedRfc7239 = wanted.rfc7239;
    String[] names = wanted.names();
    for (int i = HttpHeaderNames.FIRST_CORRELATION; i < wanted.identityStart; i++) {
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

  /** Sets the credential (write-only: nothing public reads it back). */
  public void setAuthorization(String value) {
    authorization = value;
  }
}

package io.mcpaudit.exporter.spi.http;

import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import io.mcpaudit.exporter.spi.SendResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;

/**
 * POSTs rendered batches with the JDK's HTTP client (HTTP/1.1; TLS with the given context), optionally
 * gzip-compressed, and classifies the answer: 2xx delivered; 408, 429 and 5xx worth retrying (with the
 * server's {@code Retry-After}); any other status rejected for good. Runs on a shipper thread only.
 */
public final class HttpSender {
  private final URI endpoint;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final boolean gzip;
  private final HttpClient client;
  private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(64 * 1024);

  /** @param headers sent with every request (may hold credentials: never logged) */
  public HttpSender(URI endpoint, Map<String, String> headers, Duration timeout, SSLContext ssl, boolean gzip) {
    this.endpoint = endpoint;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.gzip = gzip;
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
    if (ssl != null) {
      builder.sslContext(ssl);
    }
    this.client = builder.build();
  }

  public URI endpoint() {
    return endpoint;
  }

  public SendResult post(EncodedRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(timeout)
        .header("Content-Type", request.contentType());
    headers.forEach(http::header);
    byte[] body = request.body();
    int length = request.length();
    if (gzip) {
      compressed.reset();
      try (GZIPOutputStream out = new GZIPOutputStream(compressed, 8192)) {
        out.write(body, 0, length);
      }
      body = compressed.toByteArray();
      length = body.length;
      http.header("Content-Encoding", "gzip");
    }
    HttpResponse<Void> response =
        client.send(http.POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, length)).build(),
            HttpResponse.BodyHandlers.discarding());
    return classify(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
  }

  static SendResult classify(int status, String retryAfter) {
    if (status >= 200 && status < 300) {
      return SendResult.delivered(status);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return SendResult.retry(status, retryAfterMillis(retryAfter), null);
    }
    return SendResult.rejected(status, null);
  }

  /** {@code Retry-After}: seconds, or an HTTP date; 0 when absent or unreadable. */
  static long retryAfterMillis(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    String v = value.trim();
    try {
      return Math.max(0, Long.parseLong(v) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, when.toInstant().toEpochMilli() - System.currentTimeMillis());
      } catch (RuntimeException notADate) {
        return 0;
      }
    }
  }

  /**
   * Headers in the OpenTelemetry form {@code key1=value1,key2=value2}, values percent-decoded. A malformed
   * entry is an error naming its position only (the text may be a credential).
   */
  public static Map<String, String> parseHeaders(String text, String key) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return headers;
    }
    String[] entries = text.split(",");
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(key + ": entry " + (i + 1) + " is not name=value");
      }
      headers.put(entry.substring(0, eq).trim(),
          java.net.URLDecoder.decode(entry.substring(eq + 1).trim(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return headers;
  }
}

package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.RemoteExporter.BatchLimits;
import io.mcpaudit.exporter.spi.http.HttpSender;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The otlp exporter's settings: each {@code mcp.audit.otlp.*} key, else the OpenTelemetry exporter variables
 * every OpenTelemetry SDK and agent reads ({@code OTEL_EXPORTER_OTLP_LOGS_*}, then {@code OTEL_EXPORTER_OTLP_*}),
 * else the default; as the README's configuration table says. Resolved from an {@link ExporterContext} only, so
 * tests resolve them from maps without touching the real environment. Bad values are errors naming the key or
 * variable, never a header's value.
 */
record OtlpSettings(URI endpoint, boolean json, Map<String, String> headers, boolean gzip, long timeoutMillis,
    String caFile, String certFile, String keyFile, BatchLimits limits) {
  static final String PREFIX = "mcp.audit.otlp.";
  static final String DEFAULT_ENDPOINT = "http://localhost:4318/v1/logs";
  static final String LOGS_PATH = "/v1/logs";
  static final String PROTOBUF = "http/protobuf";
  static final String JSON = "http/json";

  static OtlpSettings resolve(ExporterContext context) {
    URI endpoint = endpoint(context);
    String protocol = context.getOrEnv(PREFIX + "protocol", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL");
    boolean json;
    if (protocol == null || protocol.equalsIgnoreCase(PROTOBUF)) {
      json = false;
    } else if (protocol.equalsIgnoreCase(JSON)) {
      json = true;
    } else {
      throw new IllegalArgumentException(PREFIX + "protocol (or OTEL_EXPORTER_OTLP_[LOGS_]PROTOCOL)=" + protocol
          + " is not supported: use " + PROTOBUF + " or " + JSON);
    }

    byte[] secret = context.secret(PREFIX + "headers", PREFIX + "headers_file");
    String headerText = secret != null ? new String(secret, StandardCharsets.UTF_8)
        : context.firstEnv("OTEL_EXPORTER_OTLP_LOGS_HEADERS", "OTEL_EXPORTER_OTLP_HEADERS");
    Map<String, String> headers = HttpSender.parseHeaders(headerText, PREFIX + "headers");

    String compression = context.getOrEnv(PREFIX + "compression", "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION",
        "OTEL_EXPORTER_OTLP_COMPRESSION");
    boolean gzip = "gzip".equalsIgnoreCase(compression);
    if (!gzip && compression != null && !"none".equalsIgnoreCase(compression)) {
      throw new IllegalArgumentException(PREFIX + "compression (or OTEL_EXPORTER_OTLP_[LOGS_]COMPRESSION)=" + compression
          + " is neither gzip nor none");
    }

    String timeout = context.getOrEnv(PREFIX + "timeout_ms", "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT", "OTEL_EXPORTER_OTLP_TIMEOUT");
    long timeoutMillis = positive(PREFIX + "timeout_ms (or OTEL_EXPORTER_OTLP_[LOGS_]TIMEOUT)", timeout, 10_000);

    String caFile = context.getOrEnv(PREFIX + "tls.ca_file", "OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE",
        "OTEL_EXPORTER_OTLP_CERTIFICATE");
    String certFile = context.getOrEnv(PREFIX + "tls.cert_file", "OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE",
        "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE");
    String keyFile = context.getOrEnv(PREFIX + "tls.key_file", "OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY",
        "OTEL_EXPORTER_OTLP_CLIENT_KEY");

    BatchLimits limits = new BatchLimits(
        (int) Math.min(Integer.MAX_VALUE, positive(PREFIX + "batch.max_events", context.get(PREFIX + "batch.max_events"), 512)),
        (int) Math.min(Integer.MAX_VALUE, positive(PREFIX + "batch.max_bytes", context.get(PREFIX + "batch.max_bytes"), 1 << 20)),
        nonNegative(PREFIX + "batch.linger_ms", context.get(PREFIX + "batch.linger_ms"), 1_000));
    return new OtlpSettings(endpoint, json, headers, gzip, timeoutMillis, caFile, certFile, keyFile, limits);
  }

  /**
   * {@code mcp.audit.otlp.endpoint} is a base URL ({@code /v1/logs} appended), {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}
   * the full URL, {@code OTEL_EXPORTER_OTLP_ENDPOINT} a base URL; else {@value #DEFAULT_ENDPOINT}.
   */
  static URI endpoint(ExporterContext context) {
    String base = context.get(PREFIX + "endpoint");
    if (base != null && !base.isBlank()) {
      return url(PREFIX + "endpoint", withLogsPath(base.trim()));
    }
    String logs = context.firstEnv("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
    if (logs != null) {
      return url("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", logs);
    }
    String otel = context.firstEnv("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (otel != null) {
      return url("OTEL_EXPORTER_OTLP_ENDPOINT", withLogsPath(otel));
    }
    return URI.create(DEFAULT_ENDPOINT);
  }

  private static String withLogsPath(String base) {
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + LOGS_PATH;
  }

  private static URI url(String key, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + " is not a URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
      throw new IllegalArgumentException(key + " must be an http:// or https:// URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      // the value is not repeated: it holds a credential
      throw new IllegalArgumentException(key + " must not hold credentials (use " + PREFIX + "headers)");
    }
    return uri;
  }

  private static long positive(String key, String value, long defaultValue) {
    long v = number(key, value, defaultValue);
    if (v <= 0) {
      throw new IllegalArgumentException(key + "=" + value + " must be positive");
    }
    return v;
  }

  private static long nonNegative(String key, String value, long defaultValue) {
    long v = number(key, value, defaultValue);
    if (v < 0) {
      throw new IllegalArgumentException(key + "=" + value + " must not be negative");
    }
    return v;
  }

  private static long number(String key, String value, long defaultValue) {
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + value + " is not a number");
    }
  }

  String protocol() {
    return json ? JSON : PROTOBUF;
  }
}

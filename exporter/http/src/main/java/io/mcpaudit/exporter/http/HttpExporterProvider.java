package io.mcpaudit.exporter.http;

import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.http.HttpSender;
import io.mcpaudit.exporter.spi.http.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code http}: batches POSTed to {@code mcp.audit.http.endpoint}, as NDJSON (the native lines, one per
 * line) or as Splunk HTTP Event Collector events ({@code mcp.audit.http.format=splunk_hec}, authenticated
 * with {@code Authorization: Splunk <token>}). The token and headers are secrets: environment variables or
 * files, never logged.
 */
public final class HttpExporterProvider implements ExporterProvider {
  static final String PREFIX = "mcp.audit.http.";

  @Override
  public String name() {
    return "http";
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public RemoteExporter openRemote(ExporterContext context) throws IOException {
    String endpoint = context.get(PREFIX + "endpoint");
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(PREFIX + "endpoint is required for the http exporter");
    }
    URI uri = URI.create(endpoint.trim());
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(PREFIX + "endpoint must be an http:// or https:// URL without credentials");
    }
    String format = context.get(PREFIX + "format");
    boolean hec = "splunk_hec".equalsIgnoreCase(format);
    if (!hec && format != null && !"ndjson".equalsIgnoreCase(format)) {
      throw new IllegalArgumentException(PREFIX + "format=" + format + " is neither ndjson nor splunk_hec");
    }
    byte[] headerBytes = context.secret(PREFIX + "headers", PREFIX + "headers_file");
    Map<String, String> headers = new LinkedHashMap<>(HttpSender.parseHeaders(
        headerBytes == null ? null : new String(headerBytes, StandardCharsets.UTF_8), PREFIX + "headers"));
    byte[] token = context.secret(PREFIX + "token", PREFIX + "token_file");
    if (token != null) {
      headers.put("Authorization", (hec ? "Splunk " : "Bearer ") + new String(token, StandardCharsets.UTF_8).trim());
    } else if (hec) {
      throw new IllegalArgumentException("the splunk_hec format needs " + PREFIX + "token (an environment variable"
          + " or " + PREFIX + "token_file)");
    }
    String compression = context.get(PREFIX + "compression");
    boolean gzip = "gzip".equalsIgnoreCase(compression);
    var ssl = TlsFiles.context(context.get(PREFIX + "tls.ca_file"), context.get(PREFIX + "tls.cert_file"),
        context.get(PREFIX + "tls.key_file"));
    RemoteExporter.BatchLimits limits = new RemoteExporter.BatchLimits(
        (int) context.getLong(PREFIX + "batch.max_events", 512),
        (int) context.getLong(PREFIX + "batch.max_bytes", 1 << 20),
        context.getLong(PREFIX + "batch.linger_ms", 1_000));
    HttpSender sender = new HttpSender(uri, headers,
        Duration.ofMillis(context.getLong(PREFIX + "timeout_ms", 10_000)), ssl, gzip);
    LineEncoder encoder = hec
        ? new SplunkHecEncoder(context.get(PREFIX + "hec.source"), context.get(PREFIX + "hec.sourcetype"),
            context.get(PREFIX + "hec.index"))
        : new NdjsonEncoder();
    return new HttpExporter(encoder, sender, limits, hec ? "splunk_hec" : "ndjson");
  }
}

package io.mcpaudit.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http exporter against a real HTTP server in the test: bodies, headers, compression, status handling. */
class HttpExporterTest {
  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  private static final String LINE_1 = "{\"schema_version\":\"1\",\"event_type\":\"mcp_activity\",\"event_id\":\"e1\","
      + "\"timestamp\":\"2026-11-22T10:15:30.123456Z\",\"activity\":{\"tool_name\":\"echo\"}}";
  private static final String LINE_2 = "{\"schema_version\":\"1\",\"event_type\":\"audit_gap\",\"event_id\":\"e2\","
      + "\"timestamp\":\"2026-11-22T10:15:31.000001Z\",\"gap\":{\"reason\":\"queue_full\",\"dropped\":3}}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ingest", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      Map<String, String> h = new HashMap<>();
      exchange.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(), v.get(0)));
      headers.add(h);
      bodies.add(new String(body, StandardCharsets.UTF_8));
      if (status == 429) {
        exchange.getResponseHeaders().add("Retry-After", "7");
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RemoteExporter open(Map<String, String> values) throws IOException {
    Map<String, String> all = new HashMap<>(values);
    all.put("mcp.audit.http.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest");
    return new HttpExporterProvider().openRemote(ExporterContext.of(all, ProducerResource.UNKNOWN));
  }

  private static Batch batch() {
    Batch batch = new Batch();
    ProducerResource producer = new ProducerResource(Map.of("host.name", "pod-7"));
    for (String line : List.of(LINE_1, LINE_2)) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      batch.add(bytes, 0, bytes.length, producer);
    }
    return batch;
  }

  @Test
  void ndjsonSendsTheNativeLinesWithTheConfiguredHeadersCompressed() throws Exception {
    RemoteExporter exporter = open(Map.of("mcp.audit.http.headers", "X-Tenant=acme,X-Api=a%3Db",
        "mcp.audit.http.compression", "gzip"));
    SendResult result = exporter.send(exporter.encode(batch()));
    assertThat(result.kind()).isEqualTo(SendResult.Kind.DELIVERED);
    assertThat(bodies).containsExactly(LINE_1 + "\n" + LINE_2 + "\n");
    assertThat(headers.get(0)).containsEntry("content-type", "application/x-ndjson").containsEntry("x-tenant", "acme")
        .containsEntry("x-api", "a=b").containsEntry("content-encoding", "gzip");
    assertThat(exporter.describe()).doesNotContain("acme");
  }

  @Test
  void splunkHecWrapsEachEventAndAuthenticatesWithTheToken() throws Exception {
    RemoteExporter exporter = open(Map.of("mcp.audit.http.format", "splunk_hec", "mcp.audit.http.token", "hec-token-1",
        "mcp.audit.http.hec.source", "mcp-audit", "mcp.audit.http.hec.sourcetype", "mcp:audit", "mcp.audit.http.hec.index", "audit"));
    exporter.send(exporter.encode(batch()));
    assertThat(headers.get(0)).containsEntry("authorization", "Splunk hec-token-1");
    String[] events = bodies.get(0).split("\n");
    assertThat(events).containsExactly(
        "{\"time\":1795342530.123456,\"host\":\"pod-7\",\"source\":\"mcp-audit\",\"sourcetype\":\"mcp:audit\",\"index\":\"audit\",\"event\":" + LINE_1 + "}",
        "{\"time\":1795342531.000001,\"host\":\"pod-7\",\"source\":\"mcp-audit\",\"sourcetype\":\"mcp:audit\",\"index\":\"audit\",\"event\":" + LINE_2 + "}");
    assertThat(exporter.describe()).doesNotContain("hec-token-1");
    assertThatThrownBy(() -> open(Map.of("mcp.audit.http.format", "splunk_hec")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
  }

  @Test
  void statusesAreClassifiedForRetryOrQuarantine() throws Exception {
    RemoteExporter exporter = open(Map.of());
    for (int[] c : new int[][] {{503, 1}, {500, 1}, {408, 1}, {429, 1}, {400, 2}, {401, 2}, {413, 2}, {204, 0}}) {
      status = c[0];
      SendResult result = exporter.send(exporter.encode(batch()));
      assertThat(result.kind()).as("HTTP " + c[0]).isEqualTo(SendResult.Kind.values()[c[1]]);
      if (c[0] == 429) {
        assertThat(result.retryAfterMillis()).isEqualTo(7_000);
      }
    }
    server.stop(0);
    assertThatThrownBy(() -> exporter.send(exporter.encode(batch()))).isInstanceOf(IOException.class);
  }
}

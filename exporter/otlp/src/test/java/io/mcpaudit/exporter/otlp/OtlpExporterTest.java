package io.mcpaudit.exporter.otlp;

import static io.mcpaudit.exporter.otlp.Otlp.PRODUCER;
import static io.mcpaudit.exporter.otlp.Otlp.batch;
import static io.mcpaudit.exporter.otlp.Otlp.plain;
import static io.mcpaudit.exporter.otlp.Otlp.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ExporterProvider;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import io.mcpaudit.exporter.spi.SendResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider as the agent finds it, posting to a real HTTP server: content types, gzip, headers, statuses. */
class OtlpExporterTest {
  record Received(String path, String contentType, String contentEncoding, String apiKey, byte[] body) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if ("gzip".equals(encoding)) {
        body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
      }
      received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
          encoding, exchange.getRequestHeaders().getFirst("X-Api-Key"), body));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static ExporterProvider provider() {
    return ServiceLoader.load(ExporterProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.name().equals("otlp")).findFirst().orElseThrow();
  }

  private static ExporterContext context(Map<String, String> keys) {
    ExporterContext plain = ExporterContext.of(keys, ProducerResource.UNKNOWN);
    return new ExporterContext() {
      @Override
      public String get(String key) {
        return plain.get(key);
      }

      @Override
      public String env(String name) {
        return null;
      }

      @Override
      public ProducerResource resource() {
        return ProducerResource.UNKNOWN;
      }

      @Override
      public String agentVersion() {
        return "1.2.3-test";
      }
    };
  }

  @Test
  void theProviderIsRemoteAndNamedOtlp() {
    ExporterProvider provider = provider();
    assertThat(provider.remote()).isTrue();
    assertThat(provider).isInstanceOf(OtlpExporterProvider.class);
  }

  @Test
  void protobufPlain() throws Exception {
    try (RemoteExporter exporter = provider().openRemote(context(Map.of("mcp.audit.otlp.endpoint", base(),
        "mcp.audit.otlp.headers", "X-Api-Key=k%3D1")))) {
      assertThat(exporter.name()).isEqualTo("otlp");
      assertThat(exporter.describe()).isEqualTo("otlp http/protobuf to " + base() + "/v1/logs").doesNotContain("k%3D1");
      long before = OtlpExporter.nowNanos();
      EncodedRequest request = exporter.encode(batch(PRODUCER, OtlpEncodingTest.ACTIVITY, OtlpEncodingTest.GAP));
      assertThat(request.events()).isEqualTo(2);
      assertThat(exporter.send(request).kind()).isEqualTo(SendResult.Kind.DELIVERED);
      Received r = received.get(0);
      assertThat(r.path()).isEqualTo("/v1/logs");
      assertThat(r.contentType()).isEqualTo("application/x-protobuf");
      assertThat(r.contentEncoding()).isNull();
      assertThat(r.apiKey()).isEqualTo("k=1");
      ExportLogsServiceRequest decoded = ExportLogsServiceRequest.parseFrom(r.body());
      List<LogRecord> records = records(decoded);
      assertThat(records).hasSize(2);
      assertThat(records.get(0).getObservedTimeUnixNano()).isBetween(before, OtlpExporter.nowNanos());
      assertThat(decoded.getResourceLogs(0).getScopeLogs(0).getScope().getVersion()).isEqualTo("1.2.3-test");
    }
  }

  @Test
  void jsonWithGzip() throws Exception {
    try (RemoteExporter exporter = provider().openRemote(context(Map.of("mcp.audit.otlp.endpoint", base() + "/otel",
        "mcp.audit.otlp.protocol", "http/json", "mcp.audit.otlp.compression", "gzip")))) {
      assertThat(exporter.describe()).isEqualTo("otlp http/json to " + base() + "/otel/v1/logs");
      EncodedRequest request = exporter.encode(batch(PRODUCER, OtlpEncodingTest.FAILURE));
      assertThat(exporter.send(request).kind()).isEqualTo(SendResult.Kind.DELIVERED);
      Received r = received.get(0);
      assertThat(r.path()).isEqualTo("/otel/v1/logs");
      assertThat(r.contentType()).isEqualTo("application/json");
      assertThat(r.contentEncoding()).isEqualTo("gzip");
      ExportLogsServiceRequest decoded = Otlp.decodeJson(new EncodedRequest(r.body(), r.body().length, "application/json", null, 1));
      assertThat(plain(records(decoded).get(0).getAttributesList())).containsEntry("error.type", "invalid_params");
    }
  }

  @Test
  void statusesAreClassified() throws Exception {
    try (RemoteExporter exporter = provider().openRemote(context(Map.of("mcp.audit.otlp.endpoint", base())))) {
      EncodedRequest request = exporter.encode(batch(PRODUCER, OtlpEncodingTest.START));
      status = 503;
      assertThat(exporter.send(request).kind()).isEqualTo(SendResult.Kind.RETRY);
      status = 400;
      assertThat(exporter.send(request).kind()).isEqualTo(SendResult.Kind.REJECTED);
    }
  }

  @Test
  void badSettingsFailTheOpen() {
    assertThatThrownBy(() -> provider().openRemote(context(Map.of("mcp.audit.otlp.protocol", "grpc"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcp.audit.otlp.protocol");
    assertThatThrownBy(() -> provider().openRemote(context(Map.of("mcp.audit.otlp.tls.cert_file", "/c.pem"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key file");
  }
}

package io.mcpaudit.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys, then OTEL_EXPORTER_OTLP_LOGS_*, then OTEL_EXPORTER_OTLP_*, then defaults; from maps, not the real environment. */
class OtlpSettingsTest {

  static ExporterContext context(Map<String, String> keys, Map<String, String> env) {
    return new ExporterContext() {
      @Override
      public String get(String key) {
        return keys.get(key);
      }

      @Override
      public String env(String name) {
        return env.get(name);
      }

      @Override
      public ProducerResource resource() {
        return ProducerResource.UNKNOWN;
      }
    };
  }

  static OtlpSettings resolve(Map<String, String> keys, Map<String, String> env) {
    return OtlpSettings.resolve(context(keys, env));
  }

  @Test
  void defaults() {
    OtlpSettings s = resolve(Map.of(), Map.of());
    assertThat(s.endpoint()).hasToString("http://localhost:4318/v1/logs");
    assertThat(s.json()).isFalse();
    assertThat(s.protocol()).isEqualTo("http/protobuf");
    assertThat(s.headers()).isEmpty();
    assertThat(s.gzip()).isFalse();
    assertThat(s.timeoutMillis()).isEqualTo(10_000);
    assertThat(s.caFile()).isNull();
    assertThat(s.certFile()).isNull();
    assertThat(s.keyFile()).isNull();
    assertThat(s.limits().maxEvents()).isEqualTo(512);
    assertThat(s.limits().maxBytes()).isEqualTo(1_048_576);
    assertThat(s.limits().lingerMillis()).isEqualTo(1_000);
  }

  @Test
  void theEndpointKeyIsABaseUrlAndWinsOverTheEnvironment() {
    Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://logs:1/custom",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:2");
    assertThat(resolve(Map.of("mcp.audit.otlp.endpoint", "https://collector:4318"), env).endpoint())
        .hasToString("https://collector:4318/v1/logs");
    assertThat(resolve(Map.of("mcp.audit.otlp.endpoint", " http://collector:4318/prefix/ "), env).endpoint())
        .hasToString("http://collector:4318/prefix/v1/logs");
  }

  @Test
  void theLogsVariableIsUsedAsItIsThenTheGeneralOneGetsThePath() {
    assertThat(resolve(Map.of(), Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "http://logs:1/custom",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:2")).endpoint()).hasToString("http://logs:1/custom");
    assertThat(resolve(Map.of("mcp.audit.otlp.endpoint", " "), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:2"))
        .endpoint()).hasToString("http://base:2/v1/logs");
    assertThat(resolve(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://base:2/"))
        .endpoint()).hasToString("http://base:2/v1/logs");
    assertThat(resolve(Map.of(), Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "  ", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://b:3"))
        .endpoint()).as("blank is unset").hasToString("http://b:3/v1/logs");
  }

  @Test
  void protocolCompressionTimeoutAndTlsFallBackToTheLogsThenTheGeneralVariables() {
    Map<String, String> general = Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json",
        "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip", "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
        "OTEL_EXPORTER_OTLP_CERTIFICATE", "/ca.pem", "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "/c.pem",
        "OTEL_EXPORTER_OTLP_CLIENT_KEY", "/k.pem", "OTEL_EXPORTER_OTLP_HEADERS", "api-key=general");
    OtlpSettings s = resolve(Map.of(), general);
    assertThat(s.json()).isTrue();
    assertThat(s.gzip()).isTrue();
    assertThat(s.timeoutMillis()).isEqualTo(2500);
    assertThat(s.caFile()).isEqualTo("/ca.pem");
    assertThat(s.certFile()).isEqualTo("/c.pem");
    assertThat(s.keyFile()).isEqualTo("/k.pem");
    assertThat(s.headers()).isEqualTo(Map.of("api-key", "general"));

    Map<String, String> logs = new HashMap<>(general);
    logs.putAll(Map.of("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf", "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION", "none",
        "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT", "3000", "OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE", "/logs-ca.pem",
        "OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE", "/logs-c.pem", "OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY", "/logs-k.pem",
        "OTEL_EXPORTER_OTLP_LOGS_HEADERS", "api-key=logs%20only,x-b=2"));
    s = resolve(Map.of(), logs);
    assertThat(s.json()).isFalse();
    assertThat(s.gzip()).isFalse();
    assertThat(s.timeoutMillis()).isEqualTo(3000);
    assertThat(s.caFile()).isEqualTo("/logs-ca.pem");
    assertThat(s.certFile()).isEqualTo("/logs-c.pem");
    assertThat(s.keyFile()).isEqualTo("/logs-k.pem");
    assertThat(s.headers()).isEqualTo(Map.of("api-key", "logs only", "x-b", "2"));

    s = resolve(Map.of("mcp.audit.otlp.protocol", "HTTP/JSON", "mcp.audit.otlp.compression", "gzip",
        "mcp.audit.otlp.timeout_ms", "42", "mcp.audit.otlp.tls.ca_file", "/mine-ca.pem",
        "mcp.audit.otlp.tls.cert_file", "/mine-c.pem", "mcp.audit.otlp.tls.key_file", "/mine-k.pem",
        "mcp.audit.otlp.headers", "authorization=Bearer%20abc", "mcp.audit.otlp.batch.max_events", "10",
        "mcp.audit.otlp.batch.max_bytes", "2048", "mcp.audit.otlp.batch.linger_ms", "0"), logs);
    assertThat(s.json()).isTrue();
    assertThat(s.gzip()).isTrue();
    assertThat(s.timeoutMillis()).isEqualTo(42);
    assertThat(s.caFile()).isEqualTo("/mine-ca.pem");
    assertThat(s.certFile()).isEqualTo("/mine-c.pem");
    assertThat(s.keyFile()).isEqualTo("/mine-k.pem");
    assertThat(s.headers()).isEqualTo(Map.of("authorization", "Bearer abc"));
    assertThat(s.limits().maxEvents()).isEqualTo(10);
    assertThat(s.limits().maxBytes()).isEqualTo(2048);
    assertThat(s.limits().lingerMillis()).isZero();
  }

  @Test
  void theHeadersFileWinsOverInlineHeadersAndTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("headers"), "x-api-key=from-file\n");
    OtlpSettings s = resolve(Map.of("mcp.audit.otlp.headers_file", file.toString(), "mcp.audit.otlp.headers", "x-api-key=inline"),
        Map.of("OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=env"));
    assertThat(s.headers()).isEqualTo(Map.of("x-api-key", "from-file"));
    assertThatThrownBy(() -> resolve(Map.of("mcp.audit.otlp.headers_file", dir.resolve("missing").toString()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mcp.audit.otlp.headers_file");
  }

  @Test
  void badSettingsAreErrorsThatNameTheKeyButNoSecret() {
    assertBad(Map.of("mcp.audit.otlp.protocol", "grpc"), Map.of(), "mcp.audit.otlp.protocol");
    assertBad(Map.of(), Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"), "PROTOCOL");
    assertBad(Map.of("mcp.audit.otlp.compression", "brotli"), Map.of(), "mcp.audit.otlp.compression");
    assertBad(Map.of("mcp.audit.otlp.endpoint", "ftp://collector"), Map.of(), "mcp.audit.otlp.endpoint");
    assertBad(Map.of("mcp.audit.otlp.endpoint", "collector:4318"), Map.of(), "mcp.audit.otlp.endpoint");
    assertBad(Map.of("mcp.audit.otlp.endpoint", "http://bad host"), Map.of(), "mcp.audit.otlp.endpoint");
    assertBad(Map.of(), Map.of("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "localhost"), "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT");
    assertBad(Map.of(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "mailto:x"), "OTEL_EXPORTER_OTLP_ENDPOINT");
    assertBad(Map.of("mcp.audit.otlp.timeout_ms", "soon"), Map.of(), "timeout_ms");
    assertBad(Map.of("mcp.audit.otlp.timeout_ms", "0"), Map.of(), "timeout_ms");
    assertBad(Map.of(), Map.of("OTEL_EXPORTER_OTLP_TIMEOUT", "-5"), "TIMEOUT");
    assertBad(Map.of("mcp.audit.otlp.batch.max_events", "0"), Map.of(), "mcp.audit.otlp.batch.max_events");
    assertBad(Map.of("mcp.audit.otlp.batch.max_bytes", "1MB"), Map.of(), "mcp.audit.otlp.batch.max_bytes");
    assertBad(Map.of("mcp.audit.otlp.batch.linger_ms", "-1"), Map.of(), "mcp.audit.otlp.batch.linger_ms");

    Throwable credentials = catchBad(Map.of("mcp.audit.otlp.endpoint", "https://user:s3cret@collector"), Map.of());
    assertThat(credentials).hasMessageContaining("mcp.audit.otlp.endpoint").hasMessageNotContaining("s3cret");
    Throwable header = catchBad(Map.of("mcp.audit.otlp.headers", "api-key=ok,s3cretWithoutEquals"), Map.of());
    assertThat(header).hasMessageContaining("mcp.audit.otlp.headers").hasMessageNotContaining("s3cret");
  }

  private static void assertBad(Map<String, String> keys, Map<String, String> env, String named) {
    assertThat(catchBad(keys, env)).hasMessageContaining(named);
  }

  private static Throwable catchBad(Map<String, String> keys, Map<String, String> env) {
    try {
      resolve(keys, env);
    } catch (IllegalArgumentException e) {
      return e;
    }
    throw new AssertionError("accepted " + keys + " " + env);
  }
}

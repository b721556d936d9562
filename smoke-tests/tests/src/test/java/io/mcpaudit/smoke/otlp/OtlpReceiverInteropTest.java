package io.mcpaudit.smoke.otlp;

import static io.opentelemetry.api.common.AttributeKey.booleanArrayKey;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.mcpaudit.smoke.otlp.OtlpReceiver.ReceivedLog;
import io.mcpaudit.smoke.otlp.OtlpReceiver.ReceivedRequest;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenTelemetry Java SDK exporter sends to {@link OtlpReceiver}, which must decode exactly
 * what was sent, field by field; then the receiver's failure modes, driven with the JDK's HttpClient.
 */
class OtlpReceiverInteropTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String OTHER_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String OTHER_SPAN_ID = "b7ad6b7169203331";
  private static final long TIME = 1_700_000_000_123_456_789L;
  private static final long OBSERVED = 1_700_000_001_987_654_321L;
  private static final String SCOPE = "io.mcpaudit.interop";
  private static final String OTHER_SCOPE = "io.mcpaudit.interop.other";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final io.opentelemetry.sdk.resources.Resource RESOURCE =
      io.opentelemetry.sdk.resources.Resource.create(Attributes.of(
          stringKey("service.name"), "mcp-audit-interop", stringKey("service.instance.id"), "instance-7"));

  @TempDir
  Path pki;

  @Test
  void sdkProtobufIsDecodedFieldByField() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      export(exporter(receiver).build());

      assertSampleRecords(receiver.awaitLogs(3, WAIT));
      ReceivedRequest request = receiver.requests().get(0);
      assertThat(request.contentType()).isEqualTo("application/x-protobuf");
      assertThat(request.contentEncoding()).isNull();
      assertThat(receiver.attempts()).isEqualTo(1);
    }
  }

  @Test
  void sdkGzipAndCustomHeaders() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      export(exporter(receiver).setCompression("gzip").addHeader("Authorization", "Bearer t").build());

      assertSampleRecords(receiver.awaitLogs(3, WAIT));
      ReceivedRequest request = receiver.requests().get(0);
      assertThat(request.contentEncoding()).isEqualTo("gzip");
      assertThat(request.header("authorization")).isEqualTo("Bearer t");
    }
  }

  /**
   * The SDK's exporter has no public switch to http/json in 1.68 (its HttpExporterBuilder.exportAsJson()
   * is internal), so the SDK's own OTLP/JSON marshaler, the one that switch would use, writes the request
   * and the JDK's HttpClient posts it.
   */
  @Test
  void sdkJsonIsDecodedFieldByField() throws Exception {
    List<LogRecordData> captured = new ArrayList<>();
    export(new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> logs) {
        captured.addAll(logs);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    });
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    LogsRequestMarshaler.create(captured).writeJsonTo(json);
    // OTLP/JSON ids are hex: what the receiver has to turn into bytes
    assertThat(json.toString(UTF_8)).contains("\"traceId\":\"" + TRACE_ID + "\"", "\"spanId\":\"" + SPAN_ID + "\"");

    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      HttpResponse<byte[]> response = post(receiver.endpoint(), json.toByteArray(), "application/json");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      ExportLogsServiceResponse.Builder decoded = ExportLogsServiceResponse.newBuilder();
      JsonFormat.parser().merge(new String(response.body(), UTF_8), decoded);
      assertThat(decoded.build()).isEqualTo(ExportLogsServiceResponse.getDefaultInstance());
      assertSampleRecords(receiver.logs());
    }
  }

  /** Proto3 JSON with the ids rewritten to hex, over several resources and scopes: decodes to the same proto. */
  @Test
  void otlpJsonHexIdsInEveryLogRecord() throws Exception {
    Random random = new Random(42);
    List<ByteString> ids = new ArrayList<>();
    ExportLogsServiceRequest.Builder sent = ExportLogsServiceRequest.newBuilder();
    for (int r = 0; r < 2; r++) {
      ResourceLogs.Builder resourceLogs = sent.addResourceLogsBuilder()
          .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "service-" + r)));
      for (int s = 0; s < 2; s++) {
        ScopeLogs.Builder scopeLogs = resourceLogs.addScopeLogsBuilder()
            .setScope(InstrumentationScope.newBuilder().setName("scope-" + r + "-" + s).setVersion("1." + s));
        for (int n = 0; n < 2; n++) {
          ByteString traceId = randomBytes(random, 16);
          ByteString spanId = randomBytes(random, 8);
          ids.add(traceId);
          ids.add(spanId);
          scopeLogs.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(TIME + n).setTraceId(traceId).setSpanId(spanId)
              .setFlags(1).setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO).setEventName("event-" + n)
              .setBody(AnyValue.newBuilder().setStringValue(r + "/" + s + "/" + n)));
        }
        scopeLogs.addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("no ids")));
      }
    }
    String json = JsonFormat.printer().print(sent);
    for (ByteString id : ids) {
      String base64 = Base64.getEncoder().encodeToString(id.toByteArray());
      String hex = HexFormat.of().formatHex(id.toByteArray());
      assertThat(json).contains("\"" + base64 + "\"");
      json = json.replace("\"" + base64 + "\"", "\"" + hex + "\"");
    }

    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      assertThat(post(receiver.endpoint(), json.getBytes(UTF_8), "application/json; charset=utf-8").statusCode())
          .isEqualTo(200);
      assertThat(receiver.requests()).hasSize(1);
      assertThat(receiver.requests().get(0).request()).isEqualTo(sent.build());
      assertThat(receiver.logs()).hasSize(2 * 2 * 3);
    }
  }

  @Test
  void sdkOverMutualTls() throws Exception {
    TestCertificates certificates = TestCertificates.create(pki);
    try (OtlpReceiver receiver = OtlpReceiver.https(certificates.serverContext(), true)) {
      assertThat(receiver.endpoint()).startsWith("https://127.0.0.1:");
      export(exporter(receiver)
          .setTrustedCertificates(Files.readAllBytes(certificates.caCertificatePem()))
          .setClientTls(
              Files.readAllBytes(certificates.clientKeyPem()), Files.readAllBytes(certificates.clientCertificatePem()))
          .build());
      assertSampleRecords(receiver.awaitLogs(3, WAIT));
      assertThat(Files.readString(certificates.clientKeyPem())).startsWith("-----BEGIN PRIVATE KEY-----\n");

      byte[] ping = ping("ping").toByteArray();
      SSLContext withoutCertificate = certificates.clientContext(false);
      int attempts = receiver.attempts();
      // the handshake fails (with TLS 1.3 the client learns it when reading the answer): no request gets through
      assertThatThrownBy(() -> post(receiver.endpoint(), ping, "application/x-protobuf", WAIT, withoutCertificate))
          .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
      assertThat(receiver.attempts()).isEqualTo(attempts);
      HttpResponse<byte[]> accepted =
          post(receiver.endpoint(), ping, "application/x-protobuf", WAIT, certificates.clientContext(true));
      assertThat(accepted.statusCode()).isEqualTo(200);
      assertThat(bodies(receiver.logs()).subList(3, 4)).containsExactly("ping");
    }
  }

  @Test
  void errorStatusesAreAnsweredAndNotRecorded() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      byte[] ping = ping("ping").toByteArray();
      receiver.respondStatus(503, null);
      HttpResponse<byte[]> unavailable = post(receiver.endpoint(), ping, "application/x-protobuf");
      assertThat(unavailable.statusCode()).isEqualTo(503);
      assertThat(unavailable.headers().firstValue("Retry-After")).isEmpty();

      receiver.respondStatus(429, "1");
      HttpResponse<byte[]> throttled = post(receiver.endpoint(), ping, "application/x-protobuf");
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");

      receiver.respondStatus(400, null);
      assertThat(post(receiver.endpoint(), ping, "application/x-protobuf").statusCode()).isEqualTo(400);
      assertThat(receiver.logs()).isEmpty();
      assertThat(receiver.attempts()).isEqualTo(3);

      receiver.respondOk();
      HttpResponse<byte[]> ok = post(receiver.endpoint(), ping, "application/x-protobuf");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/x-protobuf");
      assertThat(ExportLogsServiceResponse.parseFrom(ok.body()))
          .isEqualTo(ExportLogsServiceResponse.getDefaultInstance());
      assertThat(bodies(receiver.logs())).containsExactly("ping");
      assertThat(receiver.attempts()).isEqualTo(4);
    }
  }

  @Test
  void undecodableRequestsAreRejected() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      // field 1, length 5, then one byte: truncated
      assertThat(post(receiver.endpoint(), new byte[] {0x0a, 0x05, 0x01}, "application/x-protobuf").statusCode())
          .isEqualTo(400);
      // canonical proto3 JSON (base64 ids) is not OTLP/JSON
      String base64Ids =
          "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"traceId\":\"S/kvNXezTaajzpKdDg5HNg==\"}]}]}]}";
      assertThat(post(receiver.endpoint(), base64Ids.getBytes(UTF_8), "application/json").statusCode()).isEqualTo(400);
      String misspelt = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecord\":[]}]}]}";
      assertThat(post(receiver.endpoint(), misspelt.getBytes(UTF_8), "application/json").statusCode()).isEqualTo(400);
      assertThat(post(receiver.endpoint(), ping("x").toByteArray(), "text/plain").statusCode()).isEqualTo(415);
      assertThat(receiver.requests()).isEmpty();
      assertThat(receiver.attempts()).isEqualTo(4);
    }
  }

  @Test
  void hungRequestsTimeOutAndDoNotBlockLaterOnes() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.hang();
      HttpClient client = client(null);
      List<CompletableFuture<HttpResponse<byte[]>>> hung = IntStream.range(0, 3)
          .mapToObj(i -> client.sendAsync(request(receiver.endpoint(), ping("hung " + i).toByteArray(),
              "application/x-protobuf", Duration.ofSeconds(2)), HttpResponse.BodyHandlers.ofByteArray()))
          .toList();
      assertThat(receiver.awaitAttempts(3, WAIT)).isEqualTo(3);
      for (CompletableFuture<HttpResponse<byte[]>> request : hung) {
        assertThatThrownBy(request::get)
            .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(HttpTimeoutException.class);
      }

      receiver.respondOk();
      assertThat(post(receiver.endpoint(), ping("after").toByteArray(), "application/x-protobuf").statusCode())
          .isEqualTo(200);
      assertThat(bodies(receiver.logs())).containsExactly("after");
    }
  }

  @Test
  void closeLetsGoOfHungRequests() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> hung;
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.hang();
      hung = client(null).sendAsync(request(receiver.endpoint(), ping("hung").toByteArray(), "application/x-protobuf",
          Duration.ofSeconds(60)), HttpResponse.BodyHandlers.ofByteArray());
      receiver.awaitAttempts(1, WAIT);
    }
    // the connection is dropped: an I/O error well before the client's own 60 s timeout
    assertThatThrownBy(() -> hung.get(10, SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void downRefusesConnectionsAndUpListensOnTheSamePort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    try (OtlpReceiver receiver = OtlpReceiver.http(port)) {
      assertThat(receiver.port()).isEqualTo(port);
      assertThat(post(receiver.endpoint(), ping("before").toByteArray(), "application/x-protobuf").statusCode())
          .isEqualTo(200);

      receiver.down();
      assertThatThrownBy(() -> post(receiver.endpoint(), ping("refused").toByteArray(), "application/x-protobuf"))
          .isInstanceOf(ConnectException.class);
      assertThat(receiver.attempts()).isEqualTo(1);

      receiver.up();
      assertThat(receiver.port()).isEqualTo(port);
      assertThat(post(receiver.endpoint(), ping("after").toByteArray(), "application/x-protobuf").statusCode())
          .isEqualTo(200);
      assertThat(bodies(receiver.logs())).containsExactly("before", "after");
      assertThat(receiver.attempts()).isEqualTo(2);
    }
  }

  // ---- the sample records, sent through the SDK, and what must arrive

  private static OtlpHttpLogRecordExporterBuilder exporter(OtlpReceiver receiver) {
    return OtlpHttpLogRecordExporter.builder().setEndpoint(receiver.endpoint()).setTimeout(WAIT);
  }

  /** Emits the sample records through an SDK logger provider with a batch processor, and flushes: one request. */
  private static void export(LogRecordExporter exporter) {
    // no timed export before the flush, so that all records go in one request however slow the machine is
    BatchLogRecordProcessor batch =
        BatchLogRecordProcessor.builder(exporter).setScheduleDelay(Duration.ofMinutes(1)).build();
    try (SdkLoggerProvider provider =
        SdkLoggerProvider.builder().setResource(RESOURCE).addLogRecordProcessor(batch).build()) {
      Map<String, Value<?>> arguments = Map.of("q", Value.of("otlp"), "limit", Value.of(5L));
      Map<String, Value<?>> body = Map.of(
          "tool", Value.of("search"),
          "arguments", Value.of(arguments),
          "ok", Value.of(true),
          "score", Value.of(0.5),
          "tags", Value.of(Value.of("a"), Value.of("b")),
          "raw", Value.of(new byte[] {1, 2, 3}));
      Logger logger = provider.loggerBuilder(SCOPE).setInstrumentationVersion("1.2.3").build();
      logger.logRecordBuilder()
          .setTimestamp(TIME, NANOSECONDS)
          .setObservedTimestamp(OBSERVED, NANOSECONDS)
          .setSeverity(Severity.WARN)
          .setSeverityText("WARN")
          .setEventName("mcp.tool.call")
          .setBody(Value.of(body))
          .setAttribute(stringKey("mcp.method"), "tools/call")
          .setAttribute(longKey("mcp.duration_ms"), 42L)
          .setAttribute(doubleKey("mcp.ratio"), 0.25)
          .setAttribute(booleanKey("mcp.ok"), true)
          .setAttribute(stringArrayKey("mcp.tags"), List.of("x", "y"))
          .setAttribute(longArrayKey("mcp.sizes"), List.of(1L, -2L))
          .setAttribute(doubleArrayKey("mcp.weights"), List.of(1.5, -0.125))
          .setAttribute(booleanArrayKey("mcp.flags"), List.of(true, false))
          .setContext(Context.root().with(Span.wrap(
              SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))))
          .emit();
      logger.logRecordBuilder()
          .setTimestamp(TIME + 1, NANOSECONDS)
          .setObservedTimestamp(OBSERVED + 1, NANOSECONDS)
          .setSeverity(Severity.ERROR)
          .setBody("plain text")
          .setAttribute(longKey("seq"), 2L)
          .emit();
      provider.loggerBuilder(OTHER_SCOPE).setInstrumentationVersion("0.9").build().logRecordBuilder()
          .setTimestamp(TIME + 2, NANOSECONDS)
          .setSeverity(Severity.INFO)
          .setBody(Value.of(Value.of(1L), Value.of("two"), Value.of(3.0)))
          .setAttribute(longKey("seq"), 3L)
          .setContext(Context.root().with(Span.wrap(
              SpanContext.create(OTHER_TRACE_ID, OTHER_SPAN_ID, TraceFlags.getDefault(), TraceState.getDefault()))))
          .emit();
      assertThat(provider.forceFlush().join(WAIT.toSeconds(), SECONDS).isSuccess()).as("export succeeded").isTrue();
    }
  }

  private static void assertSampleRecords(List<ReceivedLog> logs) {
    assertThat(logs).hasSize(3);
    for (ReceivedLog log : logs) {
      assertThat(plain(log.resource().getAttributesList()))
          .isEqualTo(Map.of("service.name", "mcp-audit-interop", "service.instance.id", "instance-7"));
    }
    // the SDK groups records by scope, in no set order; within a scope they keep their order
    List<ReceivedLog> first = logs.stream().filter(log -> log.scope().getName().equals(SCOPE)).toList();
    List<ReceivedLog> other = logs.stream().filter(log -> log.scope().getName().equals(OTHER_SCOPE)).toList();
    assertThat(first).hasSize(2);
    assertThat(other).hasSize(1);
    assertThat(first.get(0).scope().getVersion()).isEqualTo("1.2.3");
    assertThat(other.get(0).scope().getVersion()).isEqualTo("0.9");

    LogRecord full = first.get(0).logRecord();
    assertThat(full.getTimeUnixNano()).isEqualTo(TIME);
    assertThat(full.getObservedTimeUnixNano()).isEqualTo(OBSERVED);
    assertThat(full.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
    assertThat(full.getSeverityText()).isEqualTo("WARN");
    assertThat(full.getEventName()).isEqualTo("mcp.tool.call");
    assertThat(full.getBody().hasKvlistValue()).isTrue();
    assertThat(plain(full.getBody())).isEqualTo(Map.of(
        "tool", "search",
        "arguments", Map.of("q", "otlp", "limit", 5L),
        "ok", true,
        "score", 0.5,
        "tags", List.of("a", "b"),
        "raw", ByteString.copyFrom(new byte[] {1, 2, 3})));
    assertThat(plain(full.getAttributesList())).isEqualTo(Map.of(
        "mcp.method", "tools/call",
        "mcp.duration_ms", 42L,
        "mcp.ratio", 0.25,
        "mcp.ok", true,
        "mcp.tags", List.of("x", "y"),
        "mcp.sizes", List.of(1L, -2L),
        "mcp.weights", List.of(1.5, -0.125),
        "mcp.flags", List.of(true, false)));
    assertThat(full.getDroppedAttributesCount()).isZero();
    assertThat(HexFormat.of().formatHex(full.getTraceId().toByteArray())).isEqualTo(TRACE_ID);
    assertThat(HexFormat.of().formatHex(full.getSpanId().toByteArray())).isEqualTo(SPAN_ID);
    assertThat(full.getFlags()).isEqualTo(1); // sampled

    LogRecord plainText = first.get(1).logRecord();
    assertThat(plainText.getTimeUnixNano()).isEqualTo(TIME + 1);
    assertThat(plainText.getObservedTimeUnixNano()).isEqualTo(OBSERVED + 1);
    assertThat(plainText.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_ERROR);
    assertThat(plainText.getSeverityText()).isEmpty();
    assertThat(plainText.getEventName()).isEmpty();
    assertThat(plainText.getBody().getValueCase()).isEqualTo(AnyValue.ValueCase.STRING_VALUE);
    assertThat(plainText.getBody().getStringValue()).isEqualTo("plain text");
    assertThat(plain(plainText.getAttributesList())).isEqualTo(Map.of("seq", 2L));
    assertThat(plainText.getTraceId().isEmpty()).isTrue();
    assertThat(plainText.getSpanId().isEmpty()).isTrue();
    assertThat(plainText.getFlags()).isZero();

    LogRecord array = other.get(0).logRecord();
    assertThat(array.getTimeUnixNano()).isEqualTo(TIME + 2);
    assertThat(array.getObservedTimeUnixNano()).as("the SDK stamps it when not set").isPositive();
    assertThat(array.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(array.getBody().hasArrayValue()).isTrue();
    assertThat(plain(array.getBody())).isEqualTo(List.of(1L, "two", 3.0));
    assertThat(plain(array.getAttributesList())).isEqualTo(Map.of("seq", 3L));
    assertThat(HexFormat.of().formatHex(array.getTraceId().toByteArray())).isEqualTo(OTHER_TRACE_ID);
    assertThat(HexFormat.of().formatHex(array.getSpanId().toByteArray())).isEqualTo(OTHER_SPAN_ID);
    assertThat(array.getFlags()).isZero();
  }

  /** An AnyValue as plain Java values (Long, Double, ... keep the OTLP type apart) to compare whole. */
  private static Object plain(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue();
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiverInteropTest::plain).toList();
      case KVLIST_VALUE -> plain(value.getKvlistValue().getValuesList());
      default -> throw new AssertionError("unexpected value " + value);
    };
  }

  private static Map<String, Object> plain(List<KeyValue> keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue keyValue : keyValues) {
      Object previous = map.put(keyValue.getKey(), plain(keyValue.getValue()));
      assertThat(previous).as("duplicate key " + keyValue.getKey()).isNull();
    }
    return map;
  }

  private static List<String> bodies(List<ReceivedLog> logs) {
    return logs.stream().map(log -> log.logRecord().getBody().getStringValue()).toList();
  }

  // ---- hand-made requests and the JDK's HttpClient

  private static ExportLogsServiceRequest ping(String body) {
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
            .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue(body)))))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static ByteString randomBytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  private static HttpResponse<byte[]> post(String endpoint, byte[] body, String contentType)
      throws IOException, InterruptedException {
    return post(endpoint, body, contentType, WAIT, null);
  }

  /** A new client each time, so that no pooled connection outlives down() or a failed handshake. */
  private static HttpResponse<byte[]> post(String endpoint, byte[] body, String contentType, Duration timeout,
      SSLContext ssl) throws IOException, InterruptedException {
    return client(ssl).send(request(endpoint, body, contentType, timeout), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpClient client(SSLContext ssl) {
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5));
    return (ssl == null ? builder : builder.sslContext(ssl)).build();
  }

  private static HttpRequest request(String endpoint, byte[] body, String contentType, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }
}

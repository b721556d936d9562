package io.mcpaudit.exporter.otlp;

import static io.mcpaudit.exporter.otlp.Otlp.PRODUCER;
import static io.mcpaudit.exporter.otlp.Otlp.batch;
import static io.mcpaudit.exporter.otlp.Otlp.plain;
import static io.mcpaudit.exporter.otlp.Otlp.plainLine;
import static io.mcpaudit.exporter.otlp.Otlp.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every mapped field, decoded with the official classes, in both encodings. */
class OtlpEncodingTest {
  static final String ACTIVITY = "{\"schema_version\":\"1\",\"event_type\":\"mcp_activity\","
      + "\"event_id\":\"019aab3e-5f2d-7c41-9a53-0c6f4f1d2e7a\",\"timestamp\":\"2026-11-22T15:04:05.123456Z\","
      + "\"correlation_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"correlation_source\":\"meta.traceparent\","
      + "\"trace\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"5e0c8a4b2d1f3a67\","
      + "\"parent_span_id\":\"00f067aa0ba902b7\"},"
      + "\"identity\":{\"source_ip\":\"127.0.0.1\",\"source_port\":53422,\"forwarded_for\":[\"203.0.113.7\",\"10.0.0.1\"],"
      + "\"principal\":\"user-123\",\"auth_scheme\":\"bearer\",\"client_name\":\"sample-client\","
      + "\"session_id\":\"c47634f5-aaaa\",\"user_agent\":\"Java-http-client/17.0.15\"},"
      + "\"target\":{\"server_id\":\"orders-mcp\",\"server_name\":\"sample-server\",\"server_version\":\"1.2.3\","
      + "\"environment\":\"production\",\"host\":\"pod-7f9c\",\"service_instance_id\":\"instance-1\","
      + "\"transport\":\"streamable_http\",\"sdk\":\"mcp-java-sdk\",\"sdk_version\":\"2.1.0\",\"protocol_version\":\"2025-11-25\"},"
      + "\"activity\":{\"mcp_operation\":\"tools/call\",\"direction\":\"inbound\",\"jsonrpc_id\":\"0c1d2e3f-4\","
      + "\"tool_name\":\"echo\",\"tags\":[],\"tool_annotations\":{\"read_only\":true,\"destructive\":false}},"
      + "\"outcome\":{\"status\":\"success\",\"duration_ms\":1.734},"
      + "\"payload\":{\"request_bytes\":212,\"argument_keys\":[\"text\"]},"
      + "\"security_context\":{\"parameters_scrubbed\":true,\"payload_redacted\":true},"
      + "\"integrity\":{\"chain_id\":\"c-1\",\"seq\":42,\"prev_hash\":\"sha256:00\",\"hash\":\"sha256:ff\"},"
      + "\"future\":{\"nothing\":null,\"big\":123456789012345678901234567890,\"exp\":1.5e-7,\"neg\":-9223372036854775808,"
      + "\"deep\":[[{\"a\":[1,\"two\",3.5,true,null,{}]}]],\"empty\":{}}}";

  static final String FAILURE = "{\"schema_version\":\"1\",\"event_type\":\"mcp_activity\",\"event_id\":\"e-fail\","
      + "\"timestamp\":\"2026-11-22T15:04:06.000001Z\",\"correlation_id\":\"corr-2\","
      + "\"identity\":{\"source_ip\":\"::1\",\"source_port\":1},"
      + "\"target\":{\"server_id\":\"orders-mcp\",\"protocol_version\":\"2025-06-18\"},"
      + "\"activity\":{\"mcp_operation\":\"resources/read\",\"direction\":\"inbound\",\"jsonrpc_id\":\"9\","
      + "\"resource_uri\":\"file:///etc/x\",\"prompt_name\":\"p\"},"
      + "\"outcome\":{\"status\":\"failure\",\"duration_ms\":0.5,\"error_code\":-32602,\"error_message\":\"Invalid params\","
      + "\"error_type\":\"invalid_params\"}}";

  static final String TOOL_ERROR = "{\"schema_version\":\"1\",\"event_type\":\"mcp_activity\",\"event_id\":\"e-tool\","
      + "\"timestamp\":\"2026-11-22T15:04:07Z\",\"target\":{\"server_id\":\"orders-mcp\"},"
      + "\"activity\":{\"mcp_operation\":\"tools/call\",\"tool_name\":\"fail\"},\"outcome\":{\"status\":\"tool_error\"}}";

  static final String GAP = "{\"schema_version\":\"1\",\"event_type\":\"audit_gap\",\"event_id\":\"e-gap\","
      + "\"timestamp\":\"2026-11-22T15:04:08.5Z\",\"gap\":{\"reason\":\"rejected\",\"exporter\":\"otlp\",\"http_status\":400,"
      + "\"dropped\":3},\"target\":{\"server_id\":\"orders-mcp\"}}";

  static final String ALERT = "{\"schema_version\":\"1\",\"event_type\":\"mcp_alert\",\"event_id\":\"e-alert\","
      + "\"timestamp\":\"2026-11-22T15:04:09Z\",\"target\":{\"server_id\":\"orders-mcp\"}}";

  static final String START = "{\"schema_version\":\"1\",\"event_type\":\"agent_lifecycle\",\"event_id\":\"e-start\","
      + "\"timestamp\":\"2026-11-22T15:04:00.000000Z\",\"lifecycle\":{\"phase\":\"start\",\"agent_version\":\"0.1.0\","
      + "\"config\":{\"mcp.audit.exporters\":\"file,otlp\"}},\"target\":{\"server_id\":\"orders-mcp\"}}";

  static final String STOP = "{\"schema_version\":\"1\",\"event_type\":\"agent_lifecycle\",\"event_id\":\"e-stop\","
      + "\"timestamp\":\"2026-11-22T15:05:00.000000Z\",\"lifecycle\":{\"phase\":\"stop\",\"counters\":{\"events_written\":7},"
      + "\"exporters\":{\"otlp\":{\"events_sent\":6}}},\"target\":{\"server_id\":\"orders-mcp\"}}";

  static final String STATS = "{\"schema_version\":\"1\",\"event_type\":\"agent_stats\",\"event_id\":\"e-stats\","
      + "\"timestamp\":\"2026-11-22T15:04:30.000000Z\",\"stats\":{\"interval_ms\":60000},\"target\":{\"server_id\":\"orders-mcp\"}}";

  static final long OBSERVED = 1_800_000_000_123_456_789L;

  enum Protocol {
    PROTOBUF, JSON;

    LogsEncoder encoder() {
      return this == PROTOBUF ? new ProtobufLogsEncoder("9.8.7") : new JsonLogsEncoder("9.8.7");
    }

    ExportLogsServiceRequest decode(EncodedRequest request) throws Exception {
      if (this == PROTOBUF) {
        assertThat(request.contentType()).isEqualTo("application/x-protobuf");
        ExportLogsServiceRequest decoded = Otlp.decodeProtobuf(request);
        // canonical: no padded varints, no unknown fields
        assertThat(decoded.getSerializedSize()).isEqualTo(request.length());
        assertThat(decoded.getUnknownFields().asMap()).isEmpty();
        return decoded;
      }
      assertThat(request.contentType()).isEqualTo("application/json");
      return Otlp.decodeJson(request);
    }
  }

  static ExportLogsServiceRequest encode(Protocol protocol, Batch batch) throws Exception {
    EncodedRequest request = protocol.encoder().encode(batch, OBSERVED);
    return protocol.decode(request);
  }

  static long nanos(String instant) {
    Instant i = Instant.parse(instant);
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void activityThatSucceeded(Protocol protocol) throws Exception {
    ExportLogsServiceRequest request = encode(protocol, batch(PRODUCER, ACTIVITY));
    assertThat(request.getResourceLogsCount()).isEqualTo(1);
    assertThat(request.getResourceLogs(0).getScopeLogsCount()).isEqualTo(1);
    var scope = request.getResourceLogs(0).getScopeLogs(0).getScope();
    assertThat(scope.getName()).isEqualTo("mcp-audit");
    assertThat(scope.getVersion()).isEqualTo("9.8.7");
    LogRecord record = records(request).get(0);
    assertThat(record.getEventName()).isEqualTo("mcp.audit.mcp_activity");
    assertThat(record.getTimeUnixNano()).isEqualTo(nanos("2026-11-22T15:04:05.123456Z"));
    assertThat(record.getObservedTimeUnixNano()).isEqualTo(OBSERVED);
    assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(record.getSeverityText()).isEqualTo("INFO");
    assertThat(HexFormat.of().formatHex(record.getTraceId().toByteArray())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(HexFormat.of().formatHex(record.getSpanId().toByteArray())).isEqualTo("5e0c8a4b2d1f3a67");
    assertThat(record.getFlags()).isZero();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("mcp.method.name", "tools/call");
    expected.put("mcp.session.id", "c47634f5-aaaa");
    expected.put("mcp.protocol.version", "2025-11-25");
    expected.put("jsonrpc.request.id", "0c1d2e3f-4");
    expected.put("gen_ai.tool.name", "echo");
    expected.put("client.address", "127.0.0.1");
    expected.put("client.port", 53422L);
    expected.put("user.id", "user-123");
    expected.put("mcp_audit.event_id", "019aab3e-5f2d-7c41-9a53-0c6f4f1d2e7a");
    expected.put("mcp_audit.event_type", "mcp_activity");
    expected.put("mcp_audit.correlation_id", "4bf92f3577b34da6a3ce929d0e0e4736");
    expected.put("mcp_audit.outcome.status", "success");
    assertThat(plain(record.getAttributesList())).isEqualTo(expected);
    // the body is the whole event: every field, of every type, nested and unknown ones too
    assertThat(plain(record.getBody())).isEqualTo(plainLine(ACTIVITY));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void activityThatFailed(Protocol protocol) throws Exception {
    LogRecord record = records(encode(protocol, batch(PRODUCER, FAILURE))).get(0);
    assertThat(record.getSeverityNumber()).isEqualTo(SeverityNumber.SEVERITY_NUMBER_WARN);
    assertThat(record.getSeverityText()).isEqualTo("WARN");
    assertThat(record.getTraceId().isEmpty()).isTrue();
    assertThat(record.getSpanId().isEmpty()).isTrue();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("mcp.method.name", "resources/read");
    expected.put("mcp.protocol.version", "2025-06-18");
    expected.put("jsonrpc.request.id", "9");
    expected.put("gen_ai.prompt.name", "p");
    expected.put("mcp.resource.uri", "file:///etc/x");
    expected.put("rpc.response.status_code", "-32602");
    expected.put("error.type", "invalid_params");
    expected.put("client.address", "::1");
    expected.put("client.port", 1L);
    expected.put("mcp_audit.event_id", "e-fail");
    expected.put("mcp_audit.event_type", "mcp_activity");
    expected.put("mcp_audit.correlation_id", "corr-2");
    expected.put("mcp_audit.outcome.status", "failure");
    assertThat(plain(record.getAttributesList())).isEqualTo(expected);
    assertThat(plain(record.getBody())).isEqualTo(plainLine(FAILURE));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void aToolErrorIsItsOwnErrorType(Protocol protocol) throws Exception {
    LogRecord record = records(encode(protocol, batch(PRODUCER, TOOL_ERROR))).get(0);
    assertThat(record.getSeverityText()).isEqualTo("WARN");
    assertThat(plain(record.getAttributesList())).containsEntry("error.type", "tool_error")
        .containsEntry("gen_ai.tool.name", "fail").doesNotContainKey("rpc.response.status_code");
    assertThat(record.getTimeUnixNano()).isEqualTo(nanos("2026-11-22T15:04:07Z"));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void gapsAndAlertsAreWarnings(Protocol protocol) throws Exception {
    List<LogRecord> records = records(encode(protocol, batch(PRODUCER, GAP, ALERT)));
    assertThat(records).extracting(LogRecord::getEventName).containsExactly("mcp.audit.audit_gap", "mcp.audit.mcp_alert");
    assertThat(records).extracting(LogRecord::getSeverityNumber).containsOnly(SeverityNumber.SEVERITY_NUMBER_WARN);
    assertThat(records).extracting(LogRecord::getSeverityText).containsOnly("WARN");
    assertThat(plain(records.get(0).getAttributesList()))
        .isEqualTo(Map.of("mcp_audit.event_id", "e-gap", "mcp_audit.event_type", "audit_gap"));
    assertThat(records.get(0).getTimeUnixNano()).isEqualTo(nanos("2026-11-22T15:04:08.5Z"));
    assertThat(plain(records.get(0).getBody())).isEqualTo(plainLine(GAP));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void lifecycleAndStatsEventsAreInformation(Protocol protocol) throws Exception {
    List<LogRecord> records = records(encode(protocol, batch(PRODUCER, START, STATS, STOP)));
    assertThat(records).extracting(LogRecord::getEventName)
        .containsExactly("mcp.audit.agent_lifecycle", "mcp.audit.agent_stats", "mcp.audit.agent_lifecycle");
    assertThat(records).extracting(LogRecord::getSeverityNumber).containsOnly(SeverityNumber.SEVERITY_NUMBER_INFO);
    assertThat(records).extracting(r -> plain(r.getAttributesList()).get("mcp_audit.event_id"))
        .containsExactly("e-start", "e-stats", "e-stop");
    assertThat(plain(records.get(2).getBody())).isEqualTo(plainLine(STOP));
    assertThat(records.get(0).getTimeUnixNano()).isEqualTo(nanos("2026-11-22T15:04:00Z"));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void consecutiveEventsOfOneProducerShareOneResource(Protocol protocol) throws Exception {
    ProducerResource other = new ProducerResource(Map.of("service.name", "from-otel", "service.instance.id", "instance-2",
        "process.pid", "77", "host.name", "host-b", "team", "payments"));
    Batch batch = new Batch();
    for (String[] line : new String[][] {{START, "p"}, {ACTIVITY, "p"}, {GAP, "o"}, {STOP, "o"}, {FAILURE, "p"}}) {
      byte[] bytes = line[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      batch.add(bytes, 0, bytes.length, line[1].equals("p") ? PRODUCER : other);
    }
    ExportLogsServiceRequest request = encode(protocol, batch);
    List<ResourceLogs> groups = request.getResourceLogsList();
    // START and ACTIVITY differ in what the event adds (server_version, environment, host): a resource of their own
    assertThat(groups).hasSize(4);
    assertThat(groups).extracting(g -> g.getScopeLogs(0).getLogRecordsCount()).containsExactly(1, 1, 2, 1);
    assertThat(plain(groups.get(0).getResource().getAttributesList())).isEqualTo(Map.of(
        "service.name", "orders-mcp", "service.instance.id", "instance-1", "process.pid", 4242L, "host.name", "host-a"));
    assertThat(plain(groups.get(1).getResource().getAttributesList())).isEqualTo(Map.of(
        "service.name", "orders-mcp", "service.instance.id", "instance-1", "process.pid", 4242L, "host.name", "host-a",
        "service.version", "1.2.3", "deployment.environment.name", "production"));
    assertThat(plain(groups.get(2).getResource().getAttributesList())).isEqualTo(Map.of(
        "service.name", "from-otel", "service.instance.id", "instance-2", "process.pid", 77L, "host.name", "host-b",
        "team", "payments"));
    assertThat(groups.get(2).getResource().getAttributes(0).getKey()).isEqualTo("service.name");
    assertThat(plain(groups.get(3).getResource().getAttributesList())).isEqualTo(plain(groups.get(0).getResource()
        .getAttributesList()));
    assertThat(groups).allSatisfy(g -> {
      assertThat(g.getScopeLogsCount()).isEqualTo(1);
      assertThat(g.getScopeLogs(0).getScope().getName()).isEqualTo("mcp-audit");
    });
    assertThat(records(request)).extracting(r -> plain(r.getAttributesList()).get("mcp_audit.event_id"))
        .containsExactly("e-start", "019aab3e-5f2d-7c41-9a53-0c6f4f1d2e7a", "e-gap", "e-stop", "e-fail");
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void serviceNameFallsBackToTheServerNameThenUnknown(Protocol protocol) throws Exception {
    String named = "{\"event_type\":\"mcp_activity\",\"event_id\":\"a\",\"target\":{\"server_name\":\"sample-server\"}}";
    String bare = "{\"event_type\":\"agent_lifecycle\",\"event_id\":\"b\"}";
    ExportLogsServiceRequest request = encode(protocol, batch(null, named, bare));
    assertThat(request.getResourceLogsList()).extracting(g -> plain(g.getResource().getAttributesList()))
        .containsExactly(Map.of("service.name", "sample-server"), Map.of("service.name", "unknown_service:java"));
    LogRecord record = records(request).get(0);
    assertThat(record.getTimeUnixNano()).as("no timestamp: left out").isZero();
    assertThat(record.getObservedTimeUnixNano()).isEqualTo(OBSERVED);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void linesThatAreNotOneJsonObjectAreSkippedAndCounted(Protocol protocol) throws Exception {
    LogsEncoder encoder = protocol.encoder();
    Batch batch = batch(PRODUCER, "", "not json", ACTIVITY.substring(0, 200), "[1,2]", "\"text\"", START + START,
        START + " x", GAP, "{\"a\":1,}", "{\"a\":1", "\u0000", "{\"a\":\"\\x\"}", STOP, "{\"a\":1}}");
    EncodedRequest encoded = encoder.encode(batch, OBSERVED);
    assertThat(encoded.events()).isEqualTo(2);
    assertThat(encoder.malformedLines()).isEqualTo(12);
    List<LogRecord> records = records(protocol.decode(encoded));
    assertThat(records).extracting(r -> plain(r.getAttributesList()).get("mcp_audit.event_id")).containsExactly("e-gap", "e-stop");
    assertThat(plain(records.get(0).getBody())).isEqualTo(plainLine(GAP));
    assertThat(plain(records.get(1).getBody())).isEqualTo(plainLine(STOP));

    EncodedRequest none = encoder.encode(batch(PRODUCER, "garbage"), OBSERVED);
    assertThat(none.events()).isZero();
    assertThat(protocol.decode(none).getResourceLogsCount()).isZero();
  }

  /** The lines of a batch lie end to end and are read by one parser: a broken line must not take its neighbours along. */
  @ParameterizedTest
  @EnumSource(Protocol.class)
  void aBrokenLineDoesNotSpoilTheLinesAroundIt(Protocol protocol) throws Exception {
    LogsEncoder encoder = protocol.encoder();
    Batch batch = batch(PRODUCER, START, "{\"a\":", GAP, "{\"s\":\"x", ALERT, "{\"t\":[", STATS, "{\"u\":{",
        STOP + "  ", " " + FAILURE, "{\"v\":1}\n", "{\"w\":\"\\", TOOL_ERROR);
    EncodedRequest encoded = encoder.encode(batch, OBSERVED);
    assertThat(encoder.malformedLines()).isEqualTo(5);
    List<LogRecord> records = records(protocol.decode(encoded));
    assertThat(records).extracting(r -> plain(r.getAttributesList()).get("mcp_audit.event_id"))
        .containsExactly("e-start", "e-gap", "e-alert", "e-stats", "e-stop", "e-fail", null, "e-tool");
    assertThat(plain(records.get(1).getBody())).isEqualTo(plainLine(GAP));
    assertThat(plain(records.get(5).getBody())).isEqualTo(plainLine(FAILURE));
    assertThat(plain(records.get(6).getBody())).isEqualTo(Map.of("v", 1L));
    assertThat(plain(records.get(7).getBody())).isEqualTo(plainLine(TOOL_ERROR));
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void unicodeAndEscapesSurviveInBodyAndAttributes(Protocol protocol) throws Exception {
    String tool = "outil-é-日本-😀-\"q\"-\\-\n-\t-\u0001-\u2028";
    String json = Otlp.MAPPER.writeValueAsString(tool);
    String line = "{\"event_type\":\"mcp_activity\",\"event_id\":\"ü\",\"activity\":{\"tool_name\":" + json
        + ",\"ключ\":\"значение\",\"lone\":\"\\ud800x\"},\"outcome\":{\"status\":\"success\"}}";
    LogRecord record = records(encode(protocol, batch(PRODUCER, line))).get(0);
    assertThat(plain(record.getAttributesList())).containsEntry("gen_ai.tool.name", tool).containsEntry("mcp_audit.event_id", "ü");
    @SuppressWarnings("unchecked")
    Map<String, Object> activity = (Map<String, Object>) ((Map<String, Object>) plain(record.getBody())).get("activity");
    assertThat(activity).containsEntry("tool_name", tool).containsEntry("ключ", "значение")
        .containsEntry("lone", "?x"); // an unpaired surrogate is not UTF-8: replaced, as String.getBytes does
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void bigBatchesAndBigEvents(Protocol protocol) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add(ACTIVITY.replace("019aab3e-5f2d-7c41-9a53-0c6f4f1d2e7a", "id-" + i));
    }
    String huge = "x".repeat(300_000); // a body far longer than two length bytes can say
    lines.add(2_500, GAP.replace("\"rejected\"", "\"" + huge + "\""));
    LogsEncoder encoder = protocol.encoder();
    for (int round = 0; round < 2; round++) { // the buffers are reused
      EncodedRequest encoded = encoder.encode(batch(PRODUCER, lines.toArray(String[]::new)), OBSERVED + round);
      assertThat(encoded.length()).isGreaterThan(4 << 20);
      ExportLogsServiceRequest request = protocol.decode(encoded);
      List<LogRecord> records = records(request);
      assertThat(records).hasSize(5_001);
      assertThat(request.getResourceLogsCount()).isEqualTo(3); // activity, the gap (no server_version), activity
      assertThat(plain(records.get(4_999).getAttributesList()).get("mcp_audit.event_id")).isEqualTo("id-4998");
      assertThat(plain(records.get(2_500).getBody())).isEqualTo(plainLine(lines.get(2_500)));
      assertThat(plain(records.get(5_000).getBody())).isEqualTo(plainLine(lines.get(5_000)));
      assertThat(records.get(17).getObservedTimeUnixNano()).isEqualTo(OBSERVED + round);
    }
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void badTraceIdsAndTimestampsAreLeftOut(Protocol protocol) throws Exception {
    String[] lines = {
        "{\"event_type\":\"agent_stats\",\"timestamp\":\"yesterday\",\"trace\":{\"trace_id\":\"xyz\",\"span_id\":\"00f067aa0ba902b7\"}}",
        "{\"event_type\":\"agent_stats\",\"timestamp\":\"2026-02-30T00:00:00Z\",\"trace\":{\"trace_id\":\"00000000000000000000000000000000\"}}",
        "{\"event_type\":\"agent_stats\",\"timestamp\":\"2026-11-22T16:04:05.5+01:00\",\"trace\":{\"trace_id\":\"4BF92F3577B34DA6A3CE929D0E0E4736\",\"span_id\":\"abc\"}}",
        "{\"event_type\":\"agent_stats\",\"timestamp\":\"2024-02-29T23:59:59.999999999Z\",\"trace\":[\"4bf92f3577b34da6a3ce929d0e0e4736\"]}"};
    List<LogRecord> records = records(encode(protocol, batch(PRODUCER, lines)));
    assertThat(records.get(0).getTimeUnixNano()).isZero();
    assertThat(records.get(0).getTraceId().isEmpty()).isTrue();
    assertThat(HexFormat.of().formatHex(records.get(0).getSpanId().toByteArray())).isEqualTo("00f067aa0ba902b7");
    assertThat(records.get(1).getTimeUnixNano()).isZero();
    assertThat(records.get(1).getTraceId().isEmpty()).as("all zeros is no id").isTrue();
    assertThat(records.get(2).getTimeUnixNano()).isEqualTo(nanos("2026-11-22T15:04:05.5Z"));
    assertThat(HexFormat.of().formatHex(records.get(2).getTraceId().toByteArray())).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(records.get(2).getSpanId().isEmpty()).isTrue();
    assertThat(records.get(3).getTimeUnixNano()).isEqualTo(nanos("2024-02-29T23:59:59.999999999Z"));
    assertThat(records.get(3).getTraceId().isEmpty()).isTrue();
  }
}

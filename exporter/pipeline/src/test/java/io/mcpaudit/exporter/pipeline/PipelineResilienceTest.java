package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter thread keeps going whatever the input, and the file is always one valid line per event. */
@SuppressWarnings("unchecked")
class PipelineResilienceTest {
  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("nested/dirs/audit.jsonl");
  }

  private AuditPipeline start() throws Exception {
    return AuditPipeline.start(PipelineSettings.builder().exporters(List.of("file")).filePath(file())
        .environment("ci").agentVersion("9.9.9").configSummary(Map.of("mcp.audit.exporters", "file")).build());
  }

  private static ServerCall request(Object id, Object params) {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        id instanceof String || id instanceof Integer
            ? new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", id, params)
            : new HostileMessage(id, params), null, null);
    Calls.finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  private static List<Map<String, Object>> ofType(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("event_type"))).collect(Collectors.toList());
  }

  @Test
  void survivesFailuresAndCountsThem() throws Exception {
    AuditPipeline pipeline = start();
    // a field group that fails costs only that group: the event is still written
    assertThat(pipeline.accept(hostile(new IllegalStateException("boom"), "t1"))).isTrue();
    // an Error escaping the mapper costs the event, never the exporter thread
    assertThat(pipeline.accept(hostile(new AssertionError("worse"), "t2"))).isTrue();
    assertThat(pipeline.accept(request(3, Map.of("name", "t3")))).isTrue();
    pipeline.close();

    List<Map<String, Object>> events = Json.readLines(file());
    List<Map<String, Object>> activity = ofType(events, "mcp_activity");
    assertThat(activity).extracting(e -> Json.get(e, "activity", "tool_name")).containsExactly("t1", "t3");
    assertThat((Map<Object, Object>) activity.get(0).get("activity")).doesNotContainKey("jsonrpc_id");
    assertThat(Json.get(activity.get(1), "activity", "jsonrpc_id")).isEqualTo("3");
    Map<String, Object> stop = Json.lastEvent(events);
    assertThat(Json.get(stop, "lifecycle", "counters", "extraction_errors")).isEqualTo(2L);
    assertThat(Json.get(stop, "lifecycle", "counters", "events_written")).isEqualTo(2L);
    assertThat(pipeline.eventsWritten()).isEqualTo(2);
  }

  @Test
  void closeRightAfterStartStillWritesEverythingAccepted() throws Exception {
    // the consumer thread may not have been scheduled yet when close() begins
    for (int round = 0; round < 20; round++) {
      Path file = dir.resolve("round-" + round + ".jsonl");
      AuditPipeline pipeline = AuditPipeline.start(PipelineSettings.builder().filePath(file).build());
      for (int i = 0; i < 3; i++) {
        assertThat(pipeline.accept(request(i, Map.of("name", "t" + i)))).isTrue();
      }
      pipeline.close();
      List<Map<String, Object>> events = Json.readLines(file);
      assertThat(ofType(events, "mcp_activity")).as("round %d", round).hasSize(3);
      assertThat(ofType(events, "audit_gap")).isEmpty();
      assertThat(pipeline.eventsDropped()).isZero();
    }
  }

  @Test
  void idleExporterFlushesWithoutWaitingForClose() throws Exception {
    AuditPipeline pipeline = start();
    try {
      assertThat(pipeline.accept(request(1, Map.of("name", "early")))).isTrue();
      long deadline = System.nanoTime() + 5_000_000_000L;
      String content = "";
      while (System.nanoTime() < deadline && !content.contains("\"early\"")) {
        Thread.sleep(20);
        content = Files.readString(file(), StandardCharsets.UTF_8);
      }
      assertThat(content).contains("\"tool_name\":\"early\"");
    } finally {
      pipeline.close();
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsAreRefusedAndCounted() throws Exception {
    AuditPipeline pipeline = start();
    pipeline.close();
    long linesAfterFirstClose = Files.readAllLines(file()).size();
    pipeline.close();
    assertThat(pipeline.accept(request(1, null))).isFalse();
    assertThat(pipeline.accept(request(2, null))).isFalse();
    assertThat(pipeline.eventsDropped()).isEqualTo(2);

    List<Map<String, Object>> events = Json.readLines(file());
    assertThat(events).hasSize((int) linesAfterFirstClose).hasSize(3); // start, stop, the final checkpoint
    Map<String, Object> start = events.get(0);
    assertThat(Json.get(start, "lifecycle", "phase")).isEqualTo("start");
    assertThat(Json.get(start, "lifecycle", "agent_version")).isEqualTo("9.9.9");
    assertThat(Json.get(start, "target", "environment")).isEqualTo("ci");
    assertThat((String) Json.get(start, "target", "service_instance_id")).matches("[0-9a-f-]{36}");
    Map<String, Object> stop = events.get(1);
    assertThat(Json.get(stop, "lifecycle", "phase")).isEqualTo("stop");
    assertThat((Map<Object, Object>) Json.get(stop, "lifecycle", "counters")).containsOnlyKeys("events_accepted", "events_written",
        "events_dropped", "dropped_queue_full", "dropped_shutdown", "dropped_export_error", "events_lost_in_sinks",
        "sink_failures", "extraction_errors", "advice_errors", "ignored_resubscriptions", "ignored_interrupts",
        "bridge_calls_refused", "requests_in_flight");
    assertThat(Json.get(stop, "target", "service_instance_id")).isEqualTo(Json.get(start, "target", "service_instance_id"));
  }

  @Test
  void hostileInputStaysOneValidLinePerEvent() throws Exception {
    String[] hostile = {
        "x".repeat(1 << 20),
        "line\nbreak\r\n{\"event_type\":\"forged\"}",
        "\u0000\u0001\u001b[2J\u2028\u2029",
        "\uDFFF\uD800lone",
        "\"quoted\\\" and backslash \\",
    };
    AuditPipeline pipeline = start();
    for (String value : hostile) {
      Map<String, Object> params = Map.of("name", value, "arguments", Map.of(value, value, "k", value),
          "_meta", Map.of("traceparent", value));
      assertThat(pipeline.accept(request(value, params))).isTrue();
    }
    pipeline.close();

    List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(hostile.length + 3);
    assertThat(String.join("\n", lines)).doesNotContain("\uD800").doesNotContain("\uDFFF");
    List<Map<String, Object>> activity = ofType(Json.readLines(file()), "mcp_activity");
    assertThat(activity).hasSize(hostile.length);
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(64 * 1024));
    assertThat((String) Json.get(activity.get(0), "activity", "tool_name")).hasSize(256 + 12).endsWith("…[truncated]");
    assertThat((String) Json.get(activity.get(0), "activity", "jsonrpc_id")).endsWith("…[truncated]");
    assertThat(Json.get(activity.get(1), "activity", "tool_name")).isEqualTo(hostile[1]);
    assertThat(Json.get(activity.get(3), "activity", "tool_name")).isEqualTo("\uFFFD\uFFFDlone");
    assertThat(activity).allSatisfy(e -> assertThat(e.get("correlation_source")).isEqualTo("generated"));
  }

  private static ServerCall hostile(Throwable idFailure, String tool) {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new HostileMessage(new HostileId(idFailure), Map.of("name", tool)), null, null);
    Calls.finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  /** Shaped like {@code JSONRPCRequest} (the SDK's own record validates ids, so it cannot carry a hostile one). */
  public static final class HostileMessage {
    private final Object id;
    private final Object params;

    HostileMessage(Object id, Object params) {
      this.id = id;
      this.params = params;
    }

    public String method() {
      return "tools/call";
    }

    public Object id() {
      return id;
    }

    public Object params() {
      return params;
    }
  }

  /** A request id whose string form fails, as a hostile or broken object might. */
  static final class HostileId {
    private final Throwable failure;

    HostileId(Throwable failure) {
      this.failure = failure;
    }

    @Override
    public String toString() {
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) failure;
    }
  }
}

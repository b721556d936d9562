package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.SendResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local and remote exporters together: the file and the journal get the same lines from the exporter
 * thread, the remote exporter gets them from the journal on its own thread, and what it cannot deliver
 * shows in the trail.
 */
@SuppressWarnings("unchecked")
class RemoteExportPipelineTest {
  @TempDir
  Path dir;

  @AfterEach
  void resetScript() {
    RecordingExporterProvider.script = attempt -> SendResult.delivered(200);
  }

  private AuditPipeline start(String instance, long spoolBytes) throws Exception {
    ProducerResource producer = new ProducerResource(Map.of("service.instance.id", instance));
    return AuditPipeline.start(PipelineSettings.builder().exporters(List.of("file", "recording"))
        .exporterContext(ExporterContext.of(Map.of("mcp.audit.file.path", dir.resolve("audit.jsonl").toString()), producer))
        .serviceInstanceId(instance)
        .spool(dir.resolve("spool"), spoolBytes, 1 << 20)
        .statsIntervalMillis(0)
        .build());
  }

  private static ServerCall call(int id) {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", id,
            Map.of("name", "t" + id, "arguments", Map.of("k", "v"))), null, null);
    Calls.finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void theRemoteExporterGetsExactlyWhatTheFileGetsInOrderIncludingTheStopEvent() throws Exception {
    AuditPipeline pipeline = start("p-1", 64 << 20);
    for (int i = 0; i < 200; i++) {
      assertThat(pipeline.accept(call(i))).isTrue();
    }
    pipeline.close();
    List<String> file = java.nio.file.Files.readAllLines(dir.resolve("audit.jsonl"));
    List<String> sent = RecordingExporterProvider.last.delivered;
    assertThat(sent).containsExactlyElementsOf(file);
    assertThat(sent.get(sent.size() - 2)).contains("\"phase\":\"stop\"");
    assertThat(sent.get(sent.size() - 1)).contains("\"integrity_checkpoint\"").contains("\"final\":true");
    assertThat(RecordingExporterProvider.last.producers).containsOnly("p-1");
    Map<String, Object> stop = Json.parse(file.get(file.size() - 2));
    // as the stop event was written: sent so far, and still waiting (then sent, with the stop event itself)
    long sentAtStop = (Long) Json.get(stop, "lifecycle", "exporters", "recording", "events_sent");
    long pendingAtStop = (Long) Json.get(stop, "lifecycle", "exporters", "recording", "events_pending");
    assertThat(sentAtStop + pendingAtStop).as(file.get(file.size() - 1)).isEqualTo(201L);
  }

  /** The endpoint refuses everything: events wait in the spool and go out, in order, after a restart. */
  @Test
  void whatCouldNotBeDeliveredGoesOutAfterARestartNamingItsOwnProcess() throws Exception {
    RecordingExporterProvider.script = attempt -> SendResult.retry(503, 0, null);
    AuditPipeline first = start("p-1", 64 << 20);
    for (int i = 0; i < 50; i++) {
      first.accept(call(i));
    }
    first.close();
    assertThat(RecordingExporterProvider.last.delivered).isEmpty();

    RecordingExporterProvider.script = attempt -> SendResult.delivered(200);
    AuditPipeline second = start("p-2", 64 << 20);
    for (int i = 50; i < 60; i++) {
      second.accept(call(i));
    }
    await(() -> RecordingExporterProvider.last.delivered.size() >= 53 + 11);
    second.close();
    List<String> sent = RecordingExporterProvider.last.delivered;
    List<String> tools = sent.stream().filter(l -> l.contains("\"mcp_activity\""))
        .map(l -> (String) Json.get(Json.parse(l), "activity", "tool_name")).toList();
    assertThat(tools).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 60).mapToObj(i -> "t" + i).toList());
    List<String> producers = RecordingExporterProvider.last.producers;
    assertThat(producers.subList(0, 53)).containsOnly("p-1"); // start, 50 events, stop, checkpoint of the first run
    assertThat(producers.get(53)).isEqualTo("p-2");
    assertThat(sent.get(0)).contains("\"phase\":\"start\"");
  }

  @Test
  void aRejectedBatchLeavesARejectedGapInTheTrail() throws Exception {
    RecordingExporterProvider.script = attempt -> attempt == 0 ? SendResult.rejected(400, null) : SendResult.delivered(200);
    AuditPipeline pipeline = start("p-1", 64 << 20);
    Thread.sleep(300); // the start event alone is the first batch, rejected
    for (int i = 0; i < 20; i++) {
      pipeline.accept(call(i));
    }
    await(() -> RecordingExporterProvider.last.delivered.stream().anyMatch(l -> l.contains("\"rejected\"")));
    pipeline.close();
    List<Map<String, Object>> events = Json.readLines(dir.resolve("audit.jsonl"));
    Map<String, Object> gap = events.stream().filter(e -> "audit_gap".equals(e.get("event_type"))).findFirst().orElseThrow();
    assertThat(Json.get(gap, "gap", "reason")).isEqualTo("rejected");
    assertThat(Json.get(gap, "gap", "exporter")).isEqualTo("recording");
    assertThat(Json.get(gap, "gap", "http_status")).isEqualTo(400L);
    assertThat((String) Json.get(gap, "gap", "quarantined_in")).contains("quarantine");
  }

  /** A small spool and an endpoint that is down: the oldest segments go, counted, reported as spool_full. */
  @Test
  void aFullSpoolEvictsAndReportsSpoolFull() throws Exception {
    RecordingExporterProvider.script = attempt -> SendResult.retry(503, 0, null);
    AuditPipeline pipeline = start("p-1", 4 << 20);
    for (int i = 0; i < 12_000; i++) {
      while (!pipeline.accept(call(i))) {
        Thread.onSpinWait();
      }
    }
    pipeline.close();
    List<Map<String, Object>> events = Json.readLines(dir.resolve("audit.jsonl"));
    long reported = events.stream().filter(e -> "spool_full".equals(Json.get(e, "gap", "reason")))
        .peek(e -> assertThat(Json.get(e, "gap", "exporter")).isEqualTo("recording"))
        .mapToLong(e -> (Long) Json.get(e, "gap", "dropped")).sum();
    assertThat(reported).isPositive();
    Map<String, Object> stop = Json.lastEvent(events);
    assertThat(Json.get(stop, "lifecycle", "exporters", "recording", "events_evicted")).isEqualTo(reported);
    assertThat((Long) Json.get(stop, "lifecycle", "counters", "spool_bytes")).isLessThanOrEqualTo((4L << 20) + (2L << 20));
  }
}

package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
  @TempDir
  Path dir;

  private AuditPipeline start(int queueSize) throws Exception {
    return AuditPipeline.start(PipelineSettings.builder()
        .filePath(dir.resolve("audit/events.jsonl"))
        .queueSize(queueSize)
        .serverId("pipeline-test")
        .agentVersion("test")
        .configSummary(Map.of("mcp.audit.queue.size", String.valueOf(queueSize)))
        .build());
  }

  private List<Map<String, Object>> events() throws Exception {
    return Json.readLines(dir.resolve("audit/events.jsonl"));
  }

  @Test
  void everythingAcceptedFromManyThreadsIsWrittenByClose() throws Exception {
    AuditPipeline pipeline = start(8192);
    int threads = 4;
    int perThread = 500;
    List<Thread> producers = new ArrayList<>();
    AtomicInteger accepted = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          if (pipeline.accept(Calls.toolCall(Calls.result(Map.of()), null))) {
            accepted.incrementAndGet();
          }
        }
      });
      producers.add(thread);
      thread.start();
    }
    for (Thread thread : producers) {
      thread.join();
    }
    pipeline.close();

    List<Map<String, Object>> events = events();
    assertThat(accepted.get()).isEqualTo(threads * perThread);
    assertThat(events.get(0).get("event_type")).isEqualTo("agent_lifecycle");
    assertThat(Json.get(events.get(0), "lifecycle", "phase")).isEqualTo("start");
    assertThat(Json.get(events.get(0), "lifecycle", "config", "mcp.audit.queue.size")).isEqualTo("8192");
    assertThat(events.stream().filter(e -> "mcp_activity".equals(e.get("event_type")))).hasSize(threads * perThread);
    assertThat(events.stream().map(e -> e.get("event_id")).distinct()).hasSize(events.size());
    Map<String, Object> stop = Json.lastEvent(events);
    assertThat(Json.get(stop, "lifecycle", "phase")).isEqualTo("stop");
    assertThat(Json.get(stop, "lifecycle", "counters", "events_written")).isEqualTo((long) threads * perThread);
    assertThat(Json.get(stop, "lifecycle", "counters", "events_dropped")).isEqualTo(0L);
    assertThat(pipeline.accept(Calls.toolCall(null, null))).isFalse();
  }

  @Test
  void aFullQueueDropsWithoutBlockingAndReportsTheGap() throws Exception {
    AuditPipeline pipeline = start(64);
    CountDownLatch exporterStuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // the exporter reads method() reflectively; this message holds it there until released
    ServerCall blocker = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new BlockingMessage(exporterStuck, release), null, null);
    Calls.finish(blocker, ServerCall.SIGNAL_COMPLETE);
    assertThat(pipeline.accept(blocker)).isTrue();
    assertThat(exporterStuck.await(10, TimeUnit.SECONDS)).isTrue();

    int accepted = 1;
    int rejected = 0;
    long slowest = 0;
    for (int i = 0; i < 500; i++) {
      long t0 = System.nanoTime();
      boolean ok = pipeline.accept(Calls.toolCall(Calls.result(Map.of()), null));
      slowest = Math.max(slowest, System.nanoTime() - t0);
      if (ok) {
        accepted++;
      } else {
        rejected++;
      }
    }
    release.countDown();
    pipeline.close();

    assertThat(rejected).isGreaterThan(0);
    assertThat(slowest).as("publishing never waits for the exporter").isLessThan(TimeUnit.SECONDS.toNanos(1));
    List<Map<String, Object>> events = events();
    long reportedLost = events.stream().filter(e -> "audit_gap".equals(e.get("event_type")))
        .peek(e -> assertThat(Json.get(e, "gap", "reason")).isEqualTo("queue_full"))
        .mapToLong(e -> (Long) Json.get(e, "gap", "dropped")).sum();
    assertThat(reportedLost).isEqualTo(rejected);
    assertThat(events.stream().filter(e -> "mcp_activity".equals(e.get("event_type")))).hasSize(accepted);
    Map<String, Object> stop = Json.lastEvent(events);
    assertThat(Json.get(stop, "lifecycle", "counters", "events_dropped")).isEqualTo((long) rejected);
  }

  @Test
  void rejectsUnknownExporterNamesAndSaysWhichAreKnown() {
    PipelineSettings settings = PipelineSettings.builder().exporters(List.of("file", "kafak")).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditPipeline.start(settings))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kafak'").hasMessageContaining("known: [").hasMessageContaining("file");
  }

  @Test
  void ringSizeIsAPowerOfTwo() {
    assertThat(PipelineSettings.ringSize(1000)).isEqualTo(1024);
    assertThat(PipelineSettings.ringSize(8192)).isEqualTo(8192);
    assertThat(PipelineSettings.ringSize(1)).isEqualTo(64);
  }

  /** Looks like a JSON-RPC request to the exporter, whose method() blocks. */
  public static final class BlockingMessage {
    private final CountDownLatch entered;
    private final CountDownLatch release;

    BlockingMessage(CountDownLatch entered, CountDownLatch release) {
      this.entered = entered;
      this.release = release;
    }

    public String method() throws InterruptedException {
      entered.countDown();
      release.await(30, TimeUnit.SECONDS);
      return "tools/list";
    }
  }
}

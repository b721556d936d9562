package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mcpaudit.bootstrap.ServerCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clean stop is bounded whatever a sink does, and every call is accounted for around it. */
@SuppressWarnings("unchecked")
class PipelineShutdownTest {
  @TempDir
  Path dir;

  private static ServerCall call(int id) {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", id,
            Map.of("name", "t" + id, "arguments", Map.of("padding", "p"))), null, null);
    Calls.finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  private static AuditPipeline start(Path file, long shutdownMillis) throws IOException {
    return AuditPipeline.start(PipelineSettings.builder().filePath(file).shutdownTimeoutMillis(shutdownMillis).build());
  }

  /** A named pipe whose reader never reads: the exporter blocks in its write once the pipe buffer is full. */
  @Test
  @org.junit.jupiter.api.Timeout(30) // the old close() hung here forever
  void aSinkStuckInAWriteCannotHoldUpTheStop() throws Exception {
    Path fifo = dir.resolve("audit.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
    CompletableFuture<InputStream> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return new FileInputStream(fifo.toFile()); // opens, then never reads
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    AuditPipeline pipeline = start(fifo, 1_000);
    try {
      for (int i = 0; i < 2_000; i++) {
        pipeline.accept(call(i)); // ~1 KB each: far more than a pipe buffer holds
      }
      Thread.sleep(500);
      long begin = System.nanoTime();
      pipeline.close();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      assertThat(tookMillis).as("close returns within its bound").isLessThan(4_000);
    } finally {
      reader.get(10, TimeUnit.SECONDS).close(); // the blocked write now fails and the exporter thread ends
    }
  }

  @Test
  void callsThatFinishDuringTheStopAreCountedAsShutdownLosses() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    AuditPipeline pipeline = start(file, 5_000);
    AtomicBoolean closing = new AtomicBoolean();
    AtomicLong accepted = new AtomicLong();
    AtomicLong refusedBeforeCloseReturned = new AtomicLong();
    AtomicBoolean closed = new AtomicBoolean();
    Thread producer = new Thread(() -> {
      for (int i = 0; !closed.get() || i < 10; i++) {
        boolean ok = pipeline.accept(call(i));
        if (ok) {
          accepted.incrementAndGet();
        } else if (!closed.get()) {
          refusedBeforeCloseReturned.incrementAndGet();
        }
        if (i == 2_000) {
          closing.set(true);
        }
        LockSupport.parkNanos(20_000);
      }
    });
    producer.start();
    while (!closing.get()) {
      Thread.sleep(1);
    }
    pipeline.close();
    closed.set(true);
    producer.join(10_000);

    List<Map<String, Object>> events = Json.readLines(file);
    long written = events.stream().filter(e -> "mcp_activity".equals(e.get("event_type"))).count();
    Map<String, Object> stop = Json.lastEvent(events);
    Map<String, Object> counters = (Map<String, Object>) Json.get(stop, "lifecycle", "counters");
    assertThat(written).as("every accepted call is in the file").isEqualTo(accepted.get());
    assertThat(counters.get("events_written")).isEqualTo(written);
    long shutdownDrops = (Long) counters.get("dropped_shutdown");
    assertThat(shutdownDrops + (Long) counters.get("dropped_queue_full"))
        .isLessThanOrEqualTo(refusedBeforeCloseReturned.get());
    assertThat(events).filteredOn(e -> "audit_gap".equals(e.get("event_type")))
        .allSatisfy(gap -> assertThat(Json.get(gap, "gap", "reason")).isIn("shutdown", "queue_full"));
    long reportedShutdown = events.stream().filter(e -> "shutdown".equals(Json.get(e, "gap", "reason")))
        .mapToLong(e -> (Long) Json.get(e, "gap", "dropped")).sum();
    assertThat(reportedShutdown).as("the shutdown gap counts what the stop event counts").isEqualTo(shutdownDrops);
    assertThat(pipeline.eventsDropped()).isGreaterThanOrEqualTo(refusedBeforeCloseReturned.get());
  }

  /** The Disruptor steps past an event when its wait is interrupted; the pipeline must not let that happen. */
  @Test
  void interruptingTheExporterThreadLosesNothing() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    AuditPipeline pipeline = start(file, 5_000);
    Thread exporter = null;
    for (int tries = 0; exporter == null && tries < 100; tries++) {
      exporter = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> !before.contains(t) && t.getName().equals("mcp-audit-exporter")).findFirst().orElse(null);
      Thread.sleep(10);
    }
    assertThat(exporter).as("the exporter thread").isNotNull();
    int calls = 300;
    for (int i = 0; i < calls; i++) {
      assertThat(pipeline.accept(call(i))).isTrue();
      exporter.interrupt();
      if (i % 10 == 0) {
        Thread.sleep(3); // let it go idle and wait, where the interrupt used to skip a sequence
        exporter.interrupt();
      }
    }
    pipeline.close();
    List<Map<String, Object>> events = Json.readLines(file);
    assertThat(events.stream().filter(e -> "mcp_activity".equals(e.get("event_type")))).hasSize(calls);
    Map<String, Object> counters = (Map<String, Object>) Json.get(Json.lastEvent(events), "lifecycle", "counters");
    assertThat(counters.get("events_written")).isEqualTo((long) calls);
    assertThat(counters.get("events_lost_in_sinks")).as("an interrupted write loses nothing either").isEqualTo(0L);
    assertThat((Long) counters.get("ignored_interrupts")).isPositive();
  }

  /** On a full file system the pipeline reports what it lost once it can write again. */
  @Test
  void aFullDiskLeavesASinkWriteFailedGapOnceThereIsRoomAgain() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mnt"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString())
        .redirectErrorStream(true).start();
    assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "cannot mount a small tmpfs here");
    try {
      Path filler = mount.resolve("filler");
      Files.write(filler, new byte[48 * 1024]);
      Path file = mount.resolve("audit.jsonl");
      AuditPipeline pipeline = start(file, 5_000);
      int accepted = 0;
      for (int i = 0; i < 60; i++) {
        accepted += pipeline.accept(call(i)) ? 1 : 0;
        Thread.sleep(2);
      }
      Thread.sleep(300);
      Files.delete(filler);
      pipeline.close();
      List<Map<String, Object>> events = Json.readLines(file); // every line parses: no half lines
      long written = events.stream().filter(e -> "mcp_activity".equals(e.get("event_type"))).count();
      long reported = events.stream().filter(e -> "sink_write_failed".equals(Json.get(e, "gap", "reason")))
          .mapToLong(e -> (Long) Json.get(e, "gap", "dropped")).sum();
      assertThat(reported).as("losses reported").isPositive();
      assertThat(written + reported).isEqualTo(accepted);
      Map<String, Object> counters = (Map<String, Object>) Json.get(Json.lastEvent(events), "lifecycle", "counters");
      assertThat(counters.get("events_lost_in_sinks")).isEqualTo(reported);
      assertThat(counters.get("events_written")).isEqualTo(written);
    } finally {
      new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static final class LockSupport {
    static void parkNanos(long nanos) {
      java.util.concurrent.locks.LockSupport.parkNanos(nanos);
    }
  }
}

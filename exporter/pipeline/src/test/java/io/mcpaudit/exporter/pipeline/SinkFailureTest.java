package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.spi.AuditSink;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A failing sink costs only its own copy; the loss is counted and reported on the healthy sink, an event
 * that cannot be exported at all leaves an {@code export_error} gap, and nothing is counted as written
 * before a sink has written it out.
 */
class SinkFailureTest {
  private final Ids ids = new Ids();
  private final Clock clock = new Clock();
  private final Deployment deployment = new Deployment("s", null, "h", "i");

  private static ServerCall ping(Object id) {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "ping", id, null), null, null);
    call.endNanos = call.startNanos + 1000;
    call.signal = ServerCall.SIGNAL_COMPLETE;
    return call;
  }

  @Test
  void lostLinesAreReportedInEveryTrailOnceTheFailingSinkWritesAgain() {
    MemorySink healthy = new MemorySink();
    FailingSink broken = new FailingSink(2);
    EventProcessor exporter = new EventProcessor(new ActivityMapper(ids, clock), new EventJson(deployment),
        new EventJson(deployment), ids, clock, List.of(broken, healthy), new DropCounter());

    CallSlot slot = new CallSlot();
    for (int i = 0; i < 3; i++) {
      CallSlot.TRANSLATOR.translateTo(slot, i, ping(i));
      exporter.onEvent(slot, i, false);
      assertThat(slot.call).as("slot released after export").isNull();
    }
    assertThat(exporter.written()).as("nothing is written before the end of the batch").isZero();
    exporter.endOfBatch(); // the batch fails
    assertThat(broken.text()).isEmpty();
    assertThat(healthy.activityWritten()).isEqualTo(3);
    assertThat(exporter.written()).as("what every sink wrote").isZero();
    assertThat(exporter.lostInSinks()).isEqualTo(3);
    exporter.onTimeout(3);
    assertThat(healthy.text()).as("no gap while the sink has not written again").doesNotContain("audit_gap");

    CallSlot.TRANSLATOR.translateTo(slot, 3, ping(3));
    exporter.onEvent(slot, 3, true); // fails too: four lines lost in all
    assertThat(healthy.text()).doesNotContain("audit_gap");
    CallSlot.TRANSLATOR.translateTo(slot, 4, ping(4));
    exporter.onEvent(slot, 4, true); // the disk has room again: the gap follows, in every trail, once
    exporter.onTimeout(4);
    String[] lines = broken.text().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).contains("\"mcp_activity\"");
    assertThat(lines[1]).contains("\"event_type\":\"audit_gap\"").contains("\"reason\":\"sink_write_failed\"")
        .contains("\"sink\":\"broken\"").contains("\"dropped\":4").contains("\"lines_lost\":4");
    String[] healthyLines = healthy.text().split("\n");
    assertThat(healthyLines).hasSize(6);
    assertThat(healthyLines[5]).contains("\"reason\":\"sink_write_failed\"").contains("\"sink\":\"broken\"");
    assertThat(exporter.sinkFailures()).isEqualTo(2);
  }

  /**
   * A sink that fails, writes, fails again on the very flush that carries the gap, and writes again: its trail must
   * still verify, every hole documented by a gap that reached it.
   */
  @Test
  void aFlappingSinksTrailStillVerifies() throws Exception {
    MemorySink healthy = new MemorySink();
    FailingSink flapping = new FailingSink(0);
    flapping.name = "file flapping.jsonl";
    flapping.failingFlushes = java.util.Set.of(1, 3); // the first event's batch is written, the next lost, …
    EventProcessor exporter = new EventProcessor(new ActivityMapper(ids, clock), new EventJson(deployment),
        new EventJson(deployment), ids, clock, List.of(flapping, healthy), new DropCounter());
    exporter.integrity(io.mcpaudit.exporter.integrity.Integrity.start(
        io.mcpaudit.exporter.integrity.IntegritySettings.defaults(), null));
    exporter.lifecycle("start", "test", Map.of(), null); // flush 0
    CallSlot slot = new CallSlot();
    for (int i = 0; i < 6; i++) {
      CallSlot.TRANSLATOR.translateTo(slot, i, ping(i));
      exporter.onEvent(slot, i, true);
    }
    exporter.finalReports(0, "test", Map::of);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("flapping");
    java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("flapping.jsonl"), flapping.text());
    io.mcpaudit.exporter.integrity.verify.Verifier verifier = new io.mcpaudit.exporter.integrity.verify.Verifier(
        List.of(), List.of());
    verifier.read(file);
    io.mcpaudit.exporter.integrity.verify.VerifyResult result = verifier.finish();
    assertThat(result.status()).as(result.findings() + "\n" + flapping.text()).isEqualTo("intact");
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind())
        .isEqualTo(io.mcpaudit.exporter.integrity.verify.Finding.Kind.GAP));
    java.nio.file.Path other = java.nio.file.Files.writeString(dir.resolve("healthy.jsonl"), healthy.text());
    verifier = new io.mcpaudit.exporter.integrity.verify.Verifier(List.of(), List.of());
    verifier.read(other);
    assertThat(verifier.finish().status()).isEqualTo("intact");
  }

  @Test
  void anEventThatCannotBeExportedLeavesAnExportErrorGap() {
    MemorySink sink = new MemorySink();
    EventProcessor exporter = new EventProcessor(new ActivityMapper(ids, clock), new EventJson(deployment),
        new EventJson(deployment), ids, clock, List.of(sink), new DropCounter());
    CallSlot slot = new CallSlot();
    slot.call = null; // mapping a missing call fails outright
    exporter.onEvent(slot, 0, false);
    CallSlot.TRANSLATOR.translateTo(slot, 1, ping(1));
    exporter.onEvent(slot, 1, true);

    String[] lines = sink.text().split("\n");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("\"mcp_activity\""))).hasSize(1);
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"reason\":\"export_error\"").contains("\"dropped\":1"));
    assertThat(exporter.exportErrors()).isEqualTo(1);
  }

  /** Keeps what it is given; counts activity lines when flushed. */
  static final class MemorySink implements AuditSink {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int pending;
    private long written;

    @Override
    public void append(byte[] bytes, int offset, int length, boolean activity) {
      out.write(bytes, offset, length);
      pending += activity ? 1 : 0;
    }

    @Override
    public boolean flush() {
      written += pending;
      pending = 0;
      return true;
    }

    @Override
    public long activityWritten() {
      return written;
    }

    @Override
    public long activityLost() {
      return 0;
    }

    @Override
    public Loss takeLost() {
      return null;
    }

    @Override
    public void close() {}

    @Override
    public String describe() {
      return "memory";
    }

    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Fails its first flushes, as a sink on a full disk would, then writes again. */
  static final class FailingSink implements AuditSink {
    private final MemorySink written = new MemorySink();
    private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
    private int failuresLeft;
    /** Non-empty flushes that fail, by their number (0, 1, 2, …), besides the first {@code failuresLeft}. */
    java.util.Set<Integer> failingFlushes = java.util.Set.of();
    private int flushes;
    String name = "broken";
    private int pending;
    private long lost;
    private long unreported;
    private long unreportedLines;
    private long linesWritten;

    FailingSink(int failures) {
      this.failuresLeft = failures;
    }

    @Override
    public void append(byte[] bytes, int offset, int length, boolean activity) {
      pendingBytes.write(bytes, offset, length);
      pending += activity ? 1 : 0;
    }

    @Override
    public boolean flush() {
      if (pendingBytes.size() == 0) {
        return true;
      }
      byte[] bytes = pendingBytes.toByteArray();
      pendingBytes.reset();
      int lines = 0;
      for (byte b : bytes) {
        lines += b == '\n' ? 1 : 0;
      }
      if (failuresLeft > 0 || failingFlushes.contains(flushes++)) {
        failuresLeft = Math.max(0, failuresLeft - 1);
        lost += pending;
        unreported += pending;
        unreportedLines += lines;
        pending = 0;
        return false;
      }
      written.append(bytes, 0, bytes.length, false);
      linesWritten += lines;
      pending = 0;
      return true;
    }

    String text() {
      return written.text();
    }

    @Override
    public long activityWritten() {
      return 0;
    }

    @Override
    public long linesWritten() {
      return linesWritten;
    }

    @Override
    public long activityLost() {
      return lost;
    }

    @Override
    public Loss takeLost() {
      if (unreportedLines == 0) {
        return null;
      }
      Loss loss = new Loss(unreported, unreportedLines, 1, 2);
      unreported = 0;
      unreportedLines = 0;
      return loss;
    }

    @Override
    public void close() {}

    @Override
    public String describe() {
      return name;
    }
  }
}

package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.event.ActivityMapper;
import io.mcpaudit.exporter.event.Deployment;
import io.mcpaudit.exporter.json.Clock;
import io.mcpaudit.exporter.json.EventJson;
import io.mcpaudit.exporter.json.Ids;
import io.mcpaudit.exporter.sink.AuditSink;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing sink costs only its own copy; the loss is counted and reported on the healthy sink. */
class SinkFailureTest {

  @Test
  void lostEventsAreReportedAsSinkWriteFailedGaps() throws Exception {
    Ids ids = new Ids();
    Clock clock = new Clock();
    Deployment deployment = new Deployment("s", null, "h", "i");
    MemorySink healthy = new MemorySink();
    FailingSink broken = new FailingSink();
    Exporter exporter = new Exporter(new ActivityMapper(ids, clock), new EventJson(deployment),
        new EventJson(deployment), ids, clock, List.of(broken, healthy), new DropCounter());

    CallSlot slot = new CallSlot();
    for (int i = 0; i < 3; i++) {
      ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
          new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "ping", i, null), null, null);
      call.endNanos = call.startNanos + 1000;
      call.signal = ServerCall.SIGNAL_COMPLETE;
      CallSlot.TRANSLATOR.translateTo(slot, i, call);
      exporter.onEvent(slot, i, i == 2);
      assertThat(slot.call).as("slot released after export").isNull();
    }

    String[] lines = healthy.text().split("\n");
    assertThat(Arrays.stream(lines).filter(l -> l.contains("\"mcp_activity\""))).hasSize(3);
    assertThat(lines[lines.length - 1]).contains("\"event_type\":\"audit_gap\"")
        .contains("\"reason\":\"sink_write_failed\"").contains("\"dropped\":3");
    assertThat(exporter.sinkFailures()).isGreaterThanOrEqualTo(3);
    assertThat(exporter.written()).as("delivered to at least one sink").isEqualTo(3);

    // the report is not repeated
    exporter.onTimeout(3);
    assertThat(healthy.text().split("\n")).hasSize(lines.length);
  }

  static final class MemorySink implements AuditSink {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    public void write(byte[] bytes, int offset, int length) {
      out.write(bytes, offset, length);
    }

    @Override
    public void flush() {}

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

  static final class FailingSink implements AuditSink {
    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      throw new IOException("disk full");
    }

    @Override
    public void flush() throws IOException {
      throw new IOException("disk full");
    }

    @Override
    public void close() {}

    @Override
    public String describe() {
      return "broken";
    }
  }
}

package io.mcpaudit.benchmarks;

import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.otlp.OtlpExporterProvider;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The otlp exporter's encoding on its shipper thread: a 512-event batch (the default {@code batch.max_events}) of
 * realistic native lines, as the journal hands them over, rendered as one {@code ExportLogsServiceRequest} in
 * {@code http/protobuf} or {@code http/json}. Throughput is events per second on one thread (the budget is
 * 200,000 events/s for OTLP shipping); sending is not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OtlpEncodeBenchmark {
  static final int EVENTS = 512;

  @Param({"http/protobuf", "http/json"})
  public String protocol;

  private final Batch batch = new Batch();
  private RemoteExporter exporter;

  @Setup
  public void setUp() throws Exception {
    ProducerResource producer = new ProducerResource(Map.of("service.instance.id", "instance-1",
        "process.pid", "4242", "host.name", "host-1"));
    EventJson json = new EventJson(new Deployment("orders-mcp", "production", "host-1", "instance-1"));
    ActivityEvent e = new ActivityEvent();
    for (int i = 0; i < EVENTS; i++) {
      e.reset();
      e.eventId = String.format("019aab3e-5f2d-7c41-9a53-%012x", i);
      e.timestampMicros = 1_795_000_000_000_000L + i * 137L;
      e.correlationId = String.format("4bf92f3577b34da6a3ce929d%08x", i);
      e.correlationSource = "meta.traceparent";
      e.traceId = e.correlationId;
      e.spanId = String.format("5e0c8a4b%08x", i);
      e.parentSpanId = "00f067aa0ba902b7";
      e.sourceIp = "10.0.0.7";
      e.sourcePort = 50_000 + i;
      e.principal = "user-" + (i % 7);
      e.authScheme = "bearer";
      e.tokenIssuer = "https://idp.example";
      e.tokenFingerprint = "hmac-sha256:9f2c41d0a7b3e615";
      e.clientName = "claude-desktop";
      e.clientVersion = "1.4.2";
      e.sessionId = "c47634f5-0c1d-4e2f-9a3b-" + String.format("%012d", i % 5);
      e.userAgent = "Java-http-client/17.0.15";
      e.serverName = "db-connector";
      e.serverVersion = "3.1.0";
      e.transport = "streamable_http";
      e.sdkVersion = "2.1.0";
      e.protocolVersion = "2025-11-25";
      e.operation = "tools/call";
      e.jsonrpcId = String.valueOf(i);
      e.toolName = i % 3 == 0 ? "query_customer_status" : "list_orders";
      e.durationMs = 1.5 + i % 10;
      if (i % 16 == 0) {
        e.status = "failure";
        e.errorCode = -32602;
        e.errorMessage = "Invalid params";
      } else {
        e.status = "success";
      }
      e.requestBytes = 212;
      e.argumentKeys.add("customer_id");
      e.argumentKeys.add("region");
      json.activity(e);
      // the hash chain's object, which every line will carry
      String line = new String(json.bytes(), 0, json.length() - 2, StandardCharsets.UTF_8)
          + ",\"integrity\":{\"chain_id\":\"0193a5c2-7c1e\",\"seq\":" + i
          + ",\"prev_hash\":\"sha256:8c2f9e4b1a7d3c6e5f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e\""
          + ",\"hash\":\"sha256:1f2e3d4c5b6a79880796a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4\"}}";
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      batch.add(bytes, 0, bytes.length, producer);
    }
    exporter = new OtlpExporterProvider().openRemote(ExporterContext.of(Map.of(
        "mcp.audit.otlp.protocol", protocol, "mcp.audit.otlp.endpoint", "http://127.0.0.1:4318"), producer));
  }

  @TearDown
  public void tearDown() {
    exporter.close();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int encode512() throws Exception {
    return exporter.encode(batch).length();
  }
}

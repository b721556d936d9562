package io.mcpaudit.benchmarks;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.file.FileSink;
import io.mcpaudit.exporter.integrity.HashChain;
import io.mcpaudit.exporter.integrity.LineHash;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The exporter thread's work per event: read the captured SDK objects and build the event (map),
 * serialize it (json), and append it to the file sink (file, flushed every 64 events as a busy
 * batch would be), with the integrity chain (seal: SHA-256; sealHmac: HMAC-SHA256, the keyed default a production
 * deployment should use). Throughput is events per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExportBenchmark {
  private final Ids ids = new Ids();
  private final ActivityMapper mapper = new ActivityMapper(ids, new Clock());
  private final EventJson json = new EventJson(new Deployment("bench", "perf", "host-1", "instance-1"));
  private final ActivityEvent event = new ActivityEvent();
  private ServerCall call;
  private FileSink sink;
  private Path file;
  private int pending;
  private final HashChain sha = new HashChain("5b0e6c1e-3f7a-4d8e-9a41-2c6d1f0e7b93", LineHash.sha256(), null, null);
  private final HashChain hmac = new HashChain("5b0e6c1e-3f7a-4d8e-9a41-2c6d1f0e7b93",
      LineHash.hmac("0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "k1", null);

  @Setup
  public void setUp() throws Exception {
    HttpRequestInfo http = new HttpRequestInfo();
    http.remoteAddr = "10.0.0.7";
    http.remotePort = 51234;
    http.setAuthorization("Bearer abc.def.ghi");
    http.userAgent = "bench-client/1.0";
    http.correlationHeader = "X-Correlation-ID";
    http.correlationValue = "corr-123";
    http.contentLength = 212;
    call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", "req-1",
            Map.of("name", "query_customer_status", "arguments", Map.of("customer_id", "c-1", "region", "eu"))),
        null, http);
    call.response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, "req-1",
        McpSchema.CallToolResult.builder().addTextContent("ok").isError(false).build(), null);
    call.endNanos = call.startNanos + 1_500_000;
    file = Files.createTempFile("mcp-audit-export", ".jsonl");
    sink = new FileSink(file);
  }

  @TearDown
  public void tearDown() throws Exception {
    sink.close();
    Files.deleteIfExists(file);
  }

  @Benchmark
  public Object map() {
    mapper.map(call, event);
    return event;
  }

  @Benchmark
  public int mapAndSerialize() throws Exception {
    mapper.map(call, event);
    json.activity(event);
    return json.length();
  }

  @Benchmark
  public int mapSerializeAndWrite() throws Exception {
    mapper.map(call, event);
    json.activity(event);
    sink.append(json.bytes(), 0, json.length(), true);
    if (++pending == 64) {
      pending = 0;
      sink.flush();
    }
    return json.length();
  }

  @Benchmark
  public int mapSerializeAndSeal() throws Exception {
    mapper.map(call, event);
    json.activity(event);
    sha.seal(json);
    return json.length();
  }

  @Benchmark
  public int mapSerializeAndSealHmac() throws Exception {
    mapper.map(call, event);
    json.activity(event);
    hmac.seal(json);
    return json.length();
  }

  @Benchmark
  public int mapSerializeSealHmacAndWrite() throws Exception {
    mapper.map(call, event);
    json.activity(event);
    hmac.seal(json);
    sink.append(json.bytes(), 0, json.length(), true);
    if (++pending == 64) {
      pending = 0;
      sink.flush();
    }
    return json.length();
  }
}

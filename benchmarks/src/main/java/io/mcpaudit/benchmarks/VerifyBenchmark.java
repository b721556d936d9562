package io.mcpaudit.benchmarks;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.integrity.HashChain;
import io.mcpaudit.exporter.integrity.LineHash;
import io.mcpaudit.exporter.integrity.verify.Verifier;
import io.mcpaudit.exporter.integrity.verify.VerifyResult;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * {@code verify} over a trail of {@link #LINES} real activity lines, sealed with HMAC-SHA256 as the agent seals them.
 * Lines per second = {@link #LINES} × the score (operations per second).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VerifyBenchmark {
  static final int LINES = 200_000;
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private Path file;

  @Setup
  public void setUp() throws Exception {
    Ids ids = new Ids();
    ActivityMapper mapper = new ActivityMapper(ids, new Clock());
    EventJson json = new EventJson(new Deployment("bench", "perf", "host-1", "instance-1"));
    HashChain chain = new HashChain("5b0e6c1e-3f7a-4d8e-9a41-2c6d1f0e7b93", LineHash.hmac(KEY), "k1", null);
    ActivityEvent event = new ActivityEvent();
    file = Files.createTempFile("mcp-audit-verify", ".jsonl");
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 0; i < LINES; i++) {
        ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
            new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", "req-" + i,
                Map.of("name", "query_customer_status", "arguments", Map.of("customer_id", "c-" + i))), null, null);
        call.response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, "req-" + i,
            McpSchema.CallToolResult.builder().addTextContent("ok").isError(false).build(), null);
        call.endNanos = call.startNanos + 1_500_000;
        mapper.map(call, event);
        json.activity(event);
        chain.seal(json);
        out.write(json.bytes(), 0, json.length());
      }
    }
  }

  @TearDown
  public void tearDown() throws Exception {
    Files.deleteIfExists(file);
  }

  @Benchmark
  public VerifyResult verify() throws Exception {
    Verifier verifier = new Verifier(List.of(KEY), List.of());
    verifier.read(file);
    return verifier.finish();
  }
}

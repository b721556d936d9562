package io.mcpaudit.benchmarks;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.exporter.pipeline.AuditPipeline;
import io.mcpaudit.exporter.pipeline.PipelineSettings;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What the agent adds on the request thread: exactly the statements the dispatch advice runs (start
 * a capture, attach its callbacks to the SDK's Mono) plus subscribing to it, which fires the
 * callbacks and publishes to the ring; by default also subscribing inside the request's scope, which
 * decides its trace context and sets three MDC keys (real Logback MDC) and restores them. {@code
 * baseline} is the same Mono without the agent; the
 * difference is the agent's cost per MCP request. Both Monos are {@code hide()}-den so Reactor cannot
 * short-circuit the subscription, as it cannot for the SDK's real (deferred) dispatch Monos.
 *
 * <p>{@code consumer=running}: a real pipeline writing to a file (under a tight loop the producer
 * outruns the exporter, so many publishes find the ring full and take the drop path; both are
 * request-thread costs). {@code consumer=stalled}: the ring is always full, the worst case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureBenchmark {
  @Param({"running", "stalled"})
  public String consumer;

  private AuditPipeline pipeline;
  private McpSchema.JSONRPCRequest request;
  private McpSchema.JSONRPCResponse response;
  private Object session;
  private final CountDownLatch release = new CountDownLatch(1);

  /** Read by the exporter like a JSON-RPC request; {@code method()} holds it until the trial ends. */
  public static final class StallingMessage {
    private final CountDownLatch release;

    StallingMessage(CountDownLatch release) {
      this.release = release;
    }

    public String method() throws InterruptedException {
      release.await();
      return "stalled";
    }
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path file = Path.of(System.getProperty("java.io.tmpdir"), "mcp-audit-bench-" + System.nanoTime() + ".jsonl");
    file.toFile().deleteOnExit();
    pipeline = AuditPipeline.start(PipelineSettings.builder().filePath(file).queueSize(8192).build());
    AuditBridge.install(pipeline);
    if (consumer.equals("stalled")) {
      // park the exporter inside an event, then fill the ring: every later publish takes the drop path
      ServerCall blocker = new ServerCall(ServerCall.ENGINE_STATELESS, false, new StallingMessage(release), null, null);
      pipeline.accept(blocker);
      while (pipeline.accept(blocker)) {
        // fill
      }
    }
    request = new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", "req-1",
        Map.of("name", "echo", "arguments", Map.of("text", "hi")));
    response = new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, "req-1",
        McpSchema.CallToolResult.builder().addTextContent("echo:hi").isError(false).build(), null);
    session = this; // an owner whose class loader sees SLF4J (with Logback), as the SDK's session does
  }

  @TearDown(Level.Trial)
  public void stop() {
    release.countDown();
    AuditBridge.install(null);
    pipeline.close();
  }

  @Benchmark
  public Object baseline() {
    return Mono.just(response).hide().block();
  }

  /** The default: capture, plus subscribing inside the request's scope with its ids in the MDC. */
  @Benchmark
  public Object withAgent() {
    Propagation.configure(true, LOG_KEYS, true, "X-Correlation-ID");
    return advised();
  }

  /** {@code mcp.audit.propagation.enabled=false}: capture only. */
  @Benchmark
  public Object withAgentNoPropagation() {
    Propagation.configure(false, LOG_KEYS, true, "X-Correlation-ID");
    return advised();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object advised() {
    Mono<McpSchema.JSONRPCResponse> mono = Mono.just(response).hide();
    // the body of the session engine's RequestAdvice
    ServerCall call = AuditBridge.request(ServerCall.ENGINE_SESSION, session, request);
    if (call != null) {
      Mono<McpSchema.JSONRPCResponse> scoped = Propagation.enabled() ? mono.subscribeOn(Schedulers.fromExecutor(call)) : mono;
      mono = scoped.doOnSubscribe(call.onSubscribe()).doOnNext(call.onNext())
          .doOnError(call.onError()).doFinally((Consumer) call);
    }
    return mono.block();
  }

  private static final String[] LOG_KEYS = {"mcp.correlation_id", "trace_id", "mcp.tool.name"};
}

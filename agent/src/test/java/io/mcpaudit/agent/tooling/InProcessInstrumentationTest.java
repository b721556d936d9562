package io.mcpaudit.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.AdviceErrors;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.CallSink;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.ServerRegistry;
import io.mcpaudit.instrumentation.mcpsdk.McpSdkInstrumentations;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Installs the real instrumentations into this JVM and drives the real SDK's stateless engine
 * in-process: the fastest check that advice is applied, captures what it should, and can never hurt
 * the application. (Every transport, over real HTTP and stdio, is covered by the smoke tests.)
 */
class InProcessInstrumentationTest {
  private static final List<ServerCall> captured = new CopyOnWriteArrayList<>();
  private static volatile boolean sinkThrows;

  @BeforeAll
  static void installAgent() throws Exception {
    Instrumentation inst = ByteBuddyAgent.install();
    InstrumentationInstaller.install(
        inst, InProcessInstrumentationTest.class.getClassLoader(), McpSdkInstrumentations.all(), List.of());
  }

  @AfterEach
  void disconnect() {
    AuditBridge.install(null);
    captured.clear();
    sinkThrows = false;
  }

  private static void connect() {
    CallSink sink = call -> {
      if (sinkThrows) {
        throw new IllegalStateException("exporter broke");
      }
      return captured.add(call);
    };
    AuditBridge.install(sink);
  }

  @Test
  void capturesStatelessToolCallWithResponseAndServerIdentity() {
    connect();
    CapturingTransport transport = new CapturingTransport();
    McpServer.sync(transport).serverInfo("in-process", "4.5.6")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(echoTool()).build();

    McpSchema.JSONRPCResponse response = transport.handler
        .handleRequest(McpTransportContext.EMPTY, callEcho("r-1"))
        .block();

    assertThat(response.error()).isNull();
    awaitCaptured(1);
    assertThat(captured).hasSize(1);
    ServerCall call = captured.get(0);
    assertThat(call.engine).isEqualTo(ServerCall.ENGINE_STATELESS);
    assertThat(call.signal).isEqualTo(ServerCall.SIGNAL_COMPLETE);
    assertThat(call.response).isSameAs(response);
    assertThat(((McpSchema.JSONRPCRequest) call.message).id()).isEqualTo("r-1");
    assertThat(call.endNanos).isGreaterThanOrEqualTo(call.startNanos);
    Object handlers = readField(call.owner, "requestHandlers");
    assertThat(ServerRegistry.lookup(handlers)).isEqualTo(new McpSchema.Implementation("in-process", "4.5.6"));
  }

  @Test
  void notCapturingWhenNoSinkIsConnected() throws InterruptedException {
    CapturingTransport transport = new CapturingTransport();
    McpServer.sync(transport).serverInfo("quiet", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(echoTool()).build();

    McpSchema.JSONRPCResponse response = transport.handler
        .handleRequest(McpTransportContext.EMPTY, callEcho("r-2")).block();

    assertThat(response.error()).isNull();
    Thread.sleep(200); // the Mono's finally-callback may still be running on the handler's thread
    assertThat(captured).isEmpty();
  }

  @Test
  void aFailingExporterNeverReachesTheApplication() {
    connect();
    sinkThrows = true;
    long errorsBefore = AdviceErrors.count();
    CapturingTransport transport = new CapturingTransport();
    McpServer.sync(transport).serverInfo("robust", "1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(echoTool()).build();

    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    McpSchema.JSONRPCResponse response;
    try {
      response = transport.handler.handleRequest(McpTransportContext.EMPTY, callEcho("r-3")).block();
      long deadline = System.nanoTime() + 5_000_000_000L;
      // counted, then reported, after the response is delivered and possibly on another thread
      while ((AdviceErrors.count() == errorsBefore || !err.toString().contains("suppressed"))
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    } finally {
      System.setErr(originalErr);
    }

    assertThat(response.error()).isNull();
    assertThat(((McpSchema.CallToolResult) response.result()).content())
        .extracting(c -> ((McpSchema.TextContent) c).text()).containsExactly("echo:hi");
    assertThat(AdviceErrors.count()).isGreaterThan(errorsBefore);
    // counted and reported by type, never with the exception's message (which could quote data)
    assertThat(err.toString()).contains("suppressed java.lang.IllegalStateException").doesNotContain("exporter broke");
  }

  @Test
  void leavesAnSdkClassWithUnexpectedShapeAlone() throws Exception {
    connect();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Class<?> altered;
    System.setErr(new PrintStream(err, true));
    try {
      // same name as the SDK's session engine, but a dispatch method of another shape
      altered = new ByteBuddy()
          .subclass(Object.class)
          .name("io.modelcontextprotocol.spec.McpServerSession")
          .defineMethod("handleIncomingRequest", Object.class, Visibility.PUBLIC)
          .withParameters(Object.class)
          .intercept(FixedValue.value("untouched"))
          .make()
          .load(new ClassLoader(null) {}, ClassLoadingStrategy.Default.WRAPPER)
          .getLoaded();
    } finally {
      System.setErr(originalErr);
    }

    Object instance = altered.getConstructor().newInstance();
    Method m = altered.getMethod("handleIncomingRequest", Object.class);
    assertThat(m.invoke(instance, "x")).isEqualTo("untouched");
    assertThat(captured).isEmpty();
    assertThat(err.toString())
        .contains("leaving io.modelcontextprotocol.spec.McpServerSession uninstrumented")
        .contains("handleIncomingRequest(JSONRPCRequest, McpTransportContext)");
  }

  @Test
  void theRequestsIdsReachTheLogContextOfItsToolAndNothingLeaksAfterwards() {
    connect();
    Scheduler pool = Schedulers.newSingle("tool-pool"); // one thread: whatever it keeps, the probe sees
    try {
      McpSchema.Tool tool = McpSchema.Tool.builder().name("mdc_probe").inputSchema(Map.of("type", "object")).build();
      CapturingTransport transport = new CapturingTransport();
      McpServer.async(transport).serverInfo("mdc", "1")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
          .tools(new McpStatelessServerFeatures.AsyncToolSpecification(tool, (ctx, req) -> Mono.fromCallable(() ->
              McpSchema.CallToolResult.builder().addTextContent(
                  MDC.get("mcp.correlation_id") + "|" + MDC.get("trace_id") + "|" + MDC.get("mcp.tool.name"))
                  .isError(false).build())
              .subscribeOn(pool))) // an application hopping threads on its own
          .build();
      MDC.put("mcp.correlation_id", "the-caller's-own");

      McpSchema.JSONRPCResponse response = transport.handler.handleRequest(McpTransportContext.EMPTY,
          new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", "r-9", Map.of("name", "mdc_probe",
              "_meta", Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))).block();

      String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
      assertThat(((McpSchema.CallToolResult) response.result()).content())
          .extracting(c -> ((McpSchema.TextContent) c).text()).containsExactly(traceId + "|" + traceId + "|mdc_probe");
      awaitCaptured(1);
      assertThat(captured.get(0).trace().correlationId).isEqualTo(traceId);
      // the subscribing thread gets back exactly what it had; the pool thread keeps nothing
      assertThat(MDC.get("mcp.correlation_id")).isEqualTo("the-caller's-own");
      assertThat(MDC.get("mcp.tool.name")).isNull();
      Map<String, String> leftOnPool = Mono.fromCallable(() -> {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return mdc == null ? Map.<String, String>of() : mdc;
      }).subscribeOn(pool).block();
      assertThat(leftOnPool).isEmpty();
    } finally {
      MDC.clear();
      pool.dispose();
    }
  }

  /**
   * A periodic task a tool starts ({@code Flux.interval}) must not carry the request into every later tick,
   * nor keep the captured call (with its HTTP facts) alive: the schedule hook's wrapper runs the first tick
   * in the request's scope and lets go of it.
   */
  @Test
  void aPeriodicTaskStartedByAToolDoesNotCarryTheRequestIntoLaterTicks() throws Exception {
    connect();
    Scheduler pool = Schedulers.newSingle("ticker");
    List<String> ticks = new CopyOnWriteArrayList<>();
    List<reactor.core.Disposable> started = new CopyOnWriteArrayList<>();
    try {
      McpSchema.Tool tool = McpSchema.Tool.builder().name("ticker").inputSchema(Map.of("type", "object")).build();
      CapturingTransport transport = new CapturingTransport();
      McpServer.sync(transport).serverInfo("ticks", "1")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
          .tools(new McpStatelessServerFeatures.SyncToolSpecification(tool, (ctx, req) -> {
            started.add(reactor.core.publisher.Flux.interval(java.time.Duration.ofMillis(30), pool)
                .subscribe(n -> ticks.add(String.valueOf(MDC.get("mcp.correlation_id")))));
            return McpSchema.CallToolResult.builder().addTextContent("started").isError(false).build();
          }))
          .build();
      transport.handler.handleRequest(McpTransportContext.EMPTY, new McpSchema.JSONRPCRequest(
          McpSchema.JSONRPC_VERSION, "tools/call", "r-10", Map.of("name", "ticker",
              "_meta", Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))).block();
      awaitCaptured(1);
      java.lang.ref.WeakReference<ServerCall> call = new java.lang.ref.WeakReference<>(captured.get(0));
      captured.clear();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (ticks.size() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(ticks).hasSizeGreaterThanOrEqualTo(5);
      assertThat(ticks.subList(1, ticks.size())).as("ticks after the first").containsOnly("null");
      for (int i = 0; i < 50 && call.get() != null; i++) {
        System.gc();
        Thread.sleep(20);
      }
      assertThat(call.get()).as("the captured call is not kept alive by the running interval").isNull();
    } finally {
      started.forEach(reactor.core.Disposable::dispose);
      pool.dispose();
    }
  }

  /** The terminal callback runs after the caller has its response, possibly on another thread. */
  private static void awaitCaptured(int count) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (captured.size() < count && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  private static McpSchema.JSONRPCRequest callEcho(String id) {
    return new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", id,
        Map.of("name", "echo", "arguments", Map.of("text", "hi")));
  }

  private static McpStatelessServerFeatures.SyncToolSpecification echoTool() {
    McpSchema.Tool tool = McpSchema.Tool.builder().name("echo")
        .inputSchema(Map.of("type", "object")).build();
    return new McpStatelessServerFeatures.SyncToolSpecification(tool,
        (ctx, req) -> McpSchema.CallToolResult.builder()
            .addTextContent("echo:" + req.arguments().get("text")).isError(false).build());
  }

  private static Object readField(Object target, String name) {
    try {
      var field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The SDK's stateless transport contract, minus HTTP: hands us the engine's handler. */
  static final class CapturingTransport implements McpStatelessServerTransport {
    McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
      this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }
  }
}

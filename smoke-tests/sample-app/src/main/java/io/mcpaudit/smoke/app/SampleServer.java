package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A plain MCP server on the official Java SDK, as an application would write it: no audit code. This
 * source compiles against every SDK line from 0.11.3 on; only {@link Transports} differs between lines.
 * Usage: {@code SampleServer stdio|sse|streamable|stateless [port]}; HTTP modes bind 127.0.0.1 and
 * print {@code LISTENING <port>} when ready. {@code -Dsample.exitAfterRequests=N} exits the JVM right
 * after the Nth tool call (to prove the agent flushes on exit); {@code -Dsample.logToolCalls=true} logs each
 * tool call through SLF4J. In stdio mode the server exits (status 0)
 * when its standard input ends. An application embedding the sample (the clash server) may add tools
 * and watch tool calls with {@link #addTool} and {@link #onToolCall} before calling {@link #main}.
 */
public final class SampleServer {
  static final String NAME = "sample-server";
  static final String VERSION = "1.2.3";
  private static final AtomicInteger toolCalls = new AtomicInteger();
  private static final Map<String, Supplier<String>> extraTools = new LinkedHashMap<>();
  private static final List<Consumer<String>> toolCallListeners = new CopyOnWriteArrayList<>();

  private SampleServer() {}

  public static void main(String[] args) throws Exception {
    String transport = args[0];
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    McpSchema.ServerCapabilities capabilities = McpSchema.ServerCapabilities.builder()
        .tools(true).resources(false, false).prompts(false).build();
    Object servlet; // typed loosely: an application on another web stack (Spring WebFlux) loads this class too
    switch (transport) {
      case "stdio" -> {
        CountDownLatch stdinClosed = new CountDownLatch(1);
        var server = McpServer.sync(Transports.stdio(endSignalling(System.in, stdinClosed), System.out))
            .serverInfo(NAME, VERSION).capabilities(capabilities)
            .tools(Tools.session()).resources(Features.resource()).prompts(Features.prompt()).build();
        stdinClosed.await(); // the transport reads stdin on its own threads
        server.closeGracefully();
        System.exit(0); // the transport's reader threads are not daemons
        return;
      }
      case "sse" -> {
        var provider = Transports.sse();
        McpServer.sync(provider).serverInfo(NAME, VERSION).capabilities(capabilities)
            .tools(Tools.session()).resources(Features.resource()).prompts(Features.prompt()).build();
        servlet = provider;
      }
      case "streamable" -> {
        var provider = Transports.streamable();
        McpServer.sync(provider).serverInfo(NAME, VERSION).capabilities(capabilities)
            .tools(Tools.session()).resources(Features.resource()).prompts(Features.prompt()).build();
        servlet = provider;
      }
      case "stateless" -> {
        var stateless = Transports.stateless();
        McpServer.sync(stateless).serverInfo(NAME, VERSION).capabilities(capabilities)
            .tools(Tools.stateless()).resources(Features.statelessResource()).prompts(Features.statelessPrompt()).build();
        servlet = stateless;
      }
      default -> throw new IllegalArgumentException("unknown transport " + transport);
    }
    TomcatServer.serve(servlet, port);
  }

  /** Adds a tool whose text result {@code handler} computes (call before {@link #main}). */
  public static void addTool(String name, Supplier<String> handler) {
    extraTools.put(name, handler);
  }

  /** {@code listener} sees the name of every tool call before the tool runs (call before {@link #main}). */
  public static void onToolCall(Consumer<String> listener) {
    toolCallListeners.add(listener);
  }

  /** {@code in}, counting {@code closed} down when it ends (or fails), so stdio mode can exit then. */
  private static InputStream endSignalling(InputStream in, CountDownLatch closed) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        return signal(() -> super.read());
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return signal(() -> super.read(b, off, len));
      }

      private int signal(IoRead read) throws IOException {
        try {
          int n = read.read();
          if (n < 0) {
            closed.countDown();
          }
          return n;
        } catch (IOException e) {
          closed.countDown();
          throw e;
        }
      }
    };
  }

  private interface IoRead {
    int read() throws IOException;
  }

  /** The sample's features for an application that builds the server itself (Spring AI builds it from beans). */
  public static List<McpServerFeatures.SyncToolSpecification> sessionTools() {
    return Tools.session();
  }

  public static List<McpStatelessServerFeatures.SyncToolSpecification> statelessTools() {
    return Tools.stateless();
  }

  public static McpServerFeatures.SyncResourceSpecification sessionResource() {
    return Features.resource();
  }

  public static McpServerFeatures.SyncPromptSpecification sessionPrompt() {
    return Features.prompt();
  }

  public static McpStatelessServerFeatures.SyncResourceSpecification statelessResource() {
    return Features.statelessResource();
  }

  public static McpStatelessServerFeatures.SyncPromptSpecification statelessPrompt() {
    return Features.statelessPrompt();
  }

  /** Wraps every tool call, as a hand-written audit interceptor would (call before {@link #main}). */
  public static void interceptToolCalls(ToolInterceptor newInterceptor) {
    interceptor = newInterceptor;
  }

  /** Runs around a tool call: {@code call} performs it; the interceptor returns its result. */
  public interface ToolInterceptor {
    CallToolResult around(String tool, Map<String, Object> arguments, Supplier<CallToolResult> call);
  }

  private static volatile ToolInterceptor interceptor;
  private static final boolean LOG_TOOL_CALLS = Boolean.getBoolean("sample.logToolCalls");

  /** Runs one of the sample's tools, for a framework that registers tools itself (Micronaut's annotated beans). */
  public static CallToolResult callTool(String tool, Map<String, Object> arguments) {
    return call(tool, arguments);
  }

  /** The tools' behaviour, shared by the session-based and the stateless server. */
  static CallToolResult call(String tool, Map<String, Object> arguments) {
    ToolInterceptor around = interceptor;
    return around == null ? invoke(tool, arguments) : around.around(tool, arguments, () -> invoke(tool, arguments));
  }

  private static CallToolResult invoke(String tool, Map<String, Object> arguments) {
    toolCallListeners.forEach(listener -> listener.accept(tool));
    if (LOG_TOOL_CALLS) { // an application's own log line, for tests of the log context around a tool call
      org.slf4j.LoggerFactory.getLogger(SampleServer.class).info("running tool {}", tool);
    }
    CallToolResult result = switch (tool) {
      case "echo" -> CallToolResult.builder().addTextContent("echo:" + arguments.get("text")).isError(false).build();
      case "fail" -> CallToolResult.builder().addTextContent("this tool failed on purpose").isError(true).build();
      case "boom" -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("boom").build();
      case "secret_lookup" -> CallToolResult.builder()
          .addTextContent("key of length " + String.valueOf(arguments.get("api_key")).length()).isError(false).build();
      default -> {
        Supplier<String> extra = extraTools.get(tool);
        if (extra == null) {
          throw new IllegalArgumentException(tool);
        }
        yield CallToolResult.builder().addTextContent(extra.get()).isError(false).build();
      }
    };
    int limit = Integer.getInteger("sample.exitAfterRequests", 0);
    if (limit > 0 && toolCalls.incrementAndGet() >= limit) {
      new Thread(() -> System.exit(0)).start(); // exit right after answering, as a crash-free stop would
    }
    return result;
  }

  static List<String> toolNames() {
    return Stream.concat(Stream.of("echo", "fail", "boom", "secret_lookup"), extraTools.keySet().stream()).toList();
  }

  /** Tool specifications for both engines. */
  static final class Tools {
    static List<McpServerFeatures.SyncToolSpecification> session() {
      List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>(toolNames().stream()
          .map(name -> McpServerFeatures.SyncToolSpecification.builder()
              .tool(tool(name))
              .callHandler((exchange, request) -> call(name, request.arguments()))
              .build()).toList());
      if (Probes.ENABLED) {
        for (String probe : Probes.NAMES) {
          tools.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool(probe))
              .callHandler((exchange, request) -> Probes.call(probe, transportContextOf(exchange))).build());
        }
      }
      // asks the client for its roots: a server-to-client request made while a tool runs
      tools.add(McpServerFeatures.SyncToolSpecification.builder()
          .tool(tool("list_roots"))
          .callHandler((exchange, request) -> CallToolResult.builder()
              .addTextContent("roots:" + exchange.listRoots().roots().size()).isError(false).build())
          .build());
      return tools;
    }

    static List<McpStatelessServerFeatures.SyncToolSpecification> stateless() {
      List<McpStatelessServerFeatures.SyncToolSpecification> tools = new ArrayList<>(toolNames().stream()
          .map(name -> new McpStatelessServerFeatures.SyncToolSpecification(
              tool(name), (context, request) -> call(name, request.arguments()))).toList());
      if (Probes.ENABLED) {
        for (String probe : Probes.NAMES) {
          tools.add(new McpStatelessServerFeatures.SyncToolSpecification(tool(probe),
              (context, request) -> Probes.call(probe, context)));
        }
      }
      return tools;
    }

    /** {@code exchange.transportContext()}, read reflectively: the method and its type vary across SDK lines. */
    private static Object transportContextOf(Object exchange) {
      try {
        return exchange.getClass().getMethod("transportContext").invoke(exchange);
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }

    /** The schema as a record, not parsed JSON: the SDK's JSON API changed at 0.13 and 0.18, the record did not. */
    private static McpSchema.Tool tool(String name) {
      Map<String, Object> properties = new LinkedHashMap<>(); // a stable order: runs are compared line by line
      properties.put("text", Map.of("type", "string"));
      properties.put("api_key", Map.of("type", "string"));
      return McpSchema.Tool.builder().name(name).description("sample tool " + name)
          .inputSchema(new McpSchema.JsonSchema("object", properties, null, null, null, null))
          .build();
    }
  }
}

package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@link SampleServer} with the SDK's own client and writes what it received, one line per
 * operation, so runs with and without the agent can be compared.
 * Usage: {@code SampleClient stdio|sse|streamable|stateless <port> <transcript file>}. For stdio the
 * client starts the server itself; {@code -Dsample.serverJvmArgs} (separated by {@code |}) are passed
 * to that JVM, and {@code -Dsample.serverClassPath} and {@code -Dsample.serverMain} give it another
 * class path and main class (a server on an older SDK line, whose API this client does not compile
 * against, or on another framework). {@code -Dsample.calls=K} makes only K echo calls after initialize;
 * {@code -Dsample.extraTools=a,b} also calls those tools (without arguments) before {@code boom};
 * {@code -Dsample.proxied=true} sends the headers a reverse proxy in front of the server would add;
 * {@code -Dsample.boom=false} leaves out the failing {@code boom} call;
 * {@code -Dsample.extraResources=u1,u2} also reads those resources (an error answer is recorded, not fatal, as for
 * extra tools); {@code -Dsample.forgedForwarding=true} sends forged forwarding headers before the line a proxy
 * would add.
 */
public final class SampleClient {
  public static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Pattern RPC_ERROR_IN_BODY =
      Pattern.compile("\"error\":\\{\"code\":(-?\\d+),\"message\":\"([^\"]*)\"");

  private final McpJsonMapper json = McpJsonDefaults.getMapper();
  private final List<String> transcript = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    new SampleClient().run(args[0], Integer.parseInt(args[1]), Path.of(args[2]));
  }

  private void run(String transport, int port, Path transcriptFile) throws Exception {
    McpClient.SyncSpec spec = McpClient.sync(transport(transport, port))
        .clientInfo(new McpSchema.Implementation("sample-client", "9.9.9"))
        .requestTimeout(Duration.ofSeconds(20));
    if (Boolean.getBoolean("sample.roots")) { // lets the server ask for roots (a server-to-client request)
      spec.capabilities(McpSchema.ClientCapabilities.builder().roots(true).build())
          .roots(new McpSchema.Root("file:///smoke-root", "smoke-root"));
    }
    try (McpSyncClient client = spec.build()) {
      record("initialize", client.initialize());
      int calls = Integer.getInteger("sample.calls", 0);
      if (Boolean.getBoolean("sample.hostile")) {
        hostile(client);
      } else if (calls > 0) {
        echoes(client, calls);
      } else {
        everything(client);
      }
    } finally {
      Files.write(transcriptFile, transcript, StandardCharsets.UTF_8);
    }
  }

  private void everything(McpSyncClient client) throws IOException {
    record("tools/list", client.listTools());
    record("tools/call echo", client.callTool(
        new McpSchema.CallToolRequest("echo", Map.of("text", "hi"), Map.of("traceparent", TRACEPARENT))));
    record("tools/call fail", client.callTool(new McpSchema.CallToolRequest("fail", Map.of())));
    record("tools/call secret_lookup", client.callTool(
        new McpSchema.CallToolRequest("secret_lookup", Map.of("api_key", "sk-live-SUPERSECRET-123"))));
    record("resources/list", client.listResources());
    record("resources/read", client.readResource(new McpSchema.ReadResourceRequest(Features.URI)));
    record("prompts/list", client.listPrompts());
    record("prompts/get", client.getPrompt(new McpSchema.GetPromptRequest("greet", Map.of("name", "Ada"))));
    record("ping", client.ping());
    for (String tool : System.getProperty("sample.extraTools", "").split(",")) {
      if (!tool.isBlank()) {
        try {
          record("tools/call " + tool, client.callTool(new McpSchema.CallToolRequest(tool, Map.of())));
        } catch (McpError e) {
          recordError("tools/call " + tool, e);
        }
      }
    }
    for (String uri : System.getProperty("sample.extraResources", "").split(",")) {
      if (!uri.isBlank()) {
        try {
          record("resources/read " + uri, client.readResource(new McpSchema.ReadResourceRequest(uri)));
        } catch (McpError e) {
          recordError("resources/read " + uri, e);
        }
      }
    }
    if (!"false".equals(System.getProperty("sample.boom"))) {
      boom(client); // last: the SDK's HTTP transports may break the connection on this error path
    }
  }

  /**
   * The JSON-RPC error path, sent once. The SDK's own HTTP transports sometimes break the connection while
   * sending this error (seen on several SDK lines, with and without the agent), and a Streamable HTTP
   * server may then drop the session, so retrying here would start a second one. Such a failure ends the
   * client with an error; the test runs the whole scenario again (see {@code Scenario.run}).
   */
  private void boom(McpSyncClient client) {
    try {
      client.callTool(new McpSchema.CallToolRequest("boom", Map.of()));
      throw new IllegalStateException("boom did not fail");
    } catch (McpError e) {
      McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
      transcript.add("tools/call boom error " + (error == null ? "?" : error.code() + " " + error.message()));
    } catch (RuntimeException e) {
      Matcher rpcError = RPC_ERROR_IN_BODY.matcher(String.valueOf(e.getMessage()));
      if (!rpcError.find()) {
        throw e;
      }
      // an HTTP error status with the JSON-RPC error as its body (Micronaut MCP)
      transcript.add("tools/call boom error " + rpcError.group(1) + " " + rpcError.group(2));
    }
  }

  private void recordError(String operation, McpError e) {
    McpSchema.JSONRPCResponse.JSONRPCError error = e.getJsonRpcError();
    transcript.add(operation + " error " + (error == null ? "?" : error.code() + " " + error.message()));
  }

  /** Values an attacker controls: a forged-looking, over-long tool name and a megabyte argument. */
  private void hostile(McpSyncClient client) throws IOException {
    String evilName = "evil\n{\"event_type\":\"forged\"}\r\u0000\u001b[31m" + "x".repeat(100_000);
    String megabyte = "v".repeat(1 << 20);
    try {
      client.callTool(new McpSchema.CallToolRequest(evilName, Map.of("payload", megabyte)));
      transcript.add("hostile tool unexpectedly succeeded");
    } catch (McpError e) {
      transcript.add("hostile tool error " + e.getJsonRpcError().code());
    }
    record("tools/call echo", client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", megabyte))));
  }

  private void echoes(McpSyncClient client, int calls) throws IOException {
    for (int i = 1; i <= calls; i++) {
      try {
        record("tools/call echo", client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "n" + i))));
      } catch (RuntimeException e) {
        if (i < calls) {
          throw e;
        }
        transcript.add("last call ended with " + e.getClass().getSimpleName()); // the server exited on purpose
      }
    }
  }

  private void record(String operation, Object result) throws IOException {
    transcript.add(operation + " " + json.writeValueAsString(result));
  }

  private McpClientTransport transport(String transport, int port) {
    HttpRequest.Builder headers = HttpRequest.newBuilder()
        .header("X-Correlation-ID", "smoke-corr-1")
        .header("Authorization", "Bearer smoke-token-abc");
    if (Boolean.getBoolean("sample.proxied")) { // as a proxy in front of the server would add them
      headers.header("X-Forwarded-For", "203.0.113.7, 10.1.2.3").header("X-Workload-Id", "wl-42");
    }
    if (Boolean.getBoolean("sample.forgedForwarding")) {
      // what a client behind a trusted proxy may forge: 16 hops of its own in the first X-Forwarded-For line,
      // a Forwarded header the proxy does not manage, and then the line the proxy added with the real address
      StringBuilder forged = new StringBuilder();
      for (int i = 1; i <= 16; i++) {
        forged.append(i == 1 ? "" : ", ").append("6.6.6.").append(i);
      }
      headers.header("X-Forwarded-For", forged.toString()).header("Forwarded", "for=6.6.6.66")
          .header("X-Forwarded-For", "203.0.113.7");
    }
    String base = (Tls.enabled() ? "https" : "http") + "://127.0.0.1:" + port;
    return switch (transport) {
      case "stdio" -> new StdioClientTransport(stdioServer(), json);
      case "sse" -> HttpClientSseClientTransport.builder(base).sseEndpoint("/sse").requestBuilder(headers).build();
      case "streamable", "stateless" -> {
        var builder = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp").requestBuilder(headers);
        if (Tls.enabled()) {
          builder.clientBuilder(HttpClient.newBuilder().sslContext(tlsContext()));
        }
        yield builder.build();
      }
      default -> throw new IllegalArgumentException(transport);
    };
  }

  private static javax.net.ssl.SSLContext tlsContext() {
    try {
      return Tls.clientContext();
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the client certificate", e);
    }
  }

  private static ServerParameters stdioServer() {
    List<String> args = new ArrayList<>();
    String extra = System.getProperty("sample.serverJvmArgs", "");
    if (!extra.isBlank()) {
      args.addAll(Arrays.asList(extra.split("\\|")));
    }
    String classPath = System.getProperty("sample.serverClassPath", System.getProperty("java.class.path"));
    String main = System.getProperty("sample.serverMain", SampleServer.class.getName());
    args.addAll(List.of("-cp", classPath, main, "stdio"));
    return ServerParameters.builder(Path.of(System.getProperty("java.home"), "bin", "java").toString())
        .args(args).build();
  }
}

package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpStreamableServerSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Real SDK 2.1.0 sessions as owners (stdio/SSE {@code McpServerSession}, Streamable
 * {@code McpStreamableServerSession}), typed request records, and the Streamable initialize shape.
 */
@SuppressWarnings("unchecked")
class SessionEngineMappingTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final McpSchema.ClientCapabilities CAPS = McpSchema.ClientCapabilities.builder().build();

  private final ActivityMapper mapper = new ActivityMapper(new Ids(), new Clock());
  private final EventJson json = new EventJson(new Deployment("srv-id", null, "host-1", "instance-1"));

  private String line(ServerCall call) throws Exception {
    ActivityEvent event = new ActivityEvent();
    mapper.map(call, event);
    json.activity(event);
    String line = new String(json.bytes(), 0, json.length(), StandardCharsets.UTF_8);
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    return line;
  }

  private Map<String, Object> event(ServerCall call) throws Exception {
    return Json.parse(line(call));
  }

  private static ServerCall call(int engine, Object owner, Object message, Object response, HttpRequestInfo http) {
    boolean notification = message instanceof McpSchema.JSONRPCNotification;
    ServerCall call = new ServerCall(engine, notification, message, owner, http);
    call.response = response;
    Calls.finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  private static McpSchema.JSONRPCRequest request(String method, Object id, Object params) {
    return new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, params);
  }

  private static McpServerSession session(String id, McpServerTransport transport,
      Map<String, McpRequestHandler<?>> handlers) {
    Map<String, McpNotificationHandler> notifications = new HashMap<>();
    return new McpServerSession(id, Duration.ofSeconds(5), transport, initRequest -> Mono.empty(), handlers,
        notifications);
  }

  @Test
  void stdioSessionGivesTransportClientServerAndRemembersTheNegotiatedProtocol() throws Exception {
    Map<String, McpRequestHandler<?>> handlers = new HashMap<>();
    AuditBridge.registerServer(handlers, new McpSchema.Implementation("stdio-server", "4.2.0"));
    McpServerSession session = session("sess-stdio-1", new FakeStdioTransport(), handlers);

    McpSchema.InitializeResult result = new McpSchema.InitializeResult("2025-11-25",
        McpSchema.ServerCapabilities.builder().build(), new McpSchema.Implementation("stdio-server", "4.2.0"), null);
    Map<String, Object> init = event(call(ServerCall.ENGINE_SESSION, session,
        request("initialize", 0, Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
            "clientInfo", Map.of("name", "claude-desktop", "version", "1.4.2"))),
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 0, result, null), null));
    assertThat(Json.get(init, "activity", "mcp_operation")).isEqualTo("initialize");
    assertThat(Json.get(init, "activity", "jsonrpc_id")).isEqualTo("0");
    assertThat(Json.get(init, "identity", "client_name")).isEqualTo("claude-desktop");
    assertThat(Json.get(init, "identity", "session_id")).isEqualTo("sess-stdio-1");
    assertThat(Json.get(init, "target", "protocol_version")).isEqualTo("2025-11-25");

    // the SDK records the client on the session once initialize completed
    session.init(CAPS, new McpSchema.Implementation("claude-desktop", "1.4.2"));
    Map<String, Object> list = event(call(ServerCall.ENGINE_SESSION, session, request("tools/list", "r-2", null),
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, "r-2", Map.of("tools", List.of()), null), null));
    assertThat(Json.get(list, "target", "transport")).isEqualTo("stdio");
    assertThat(Json.get(list, "target", "sdk")).isEqualTo("mcp-java-sdk");
    assertThat(Json.get(list, "target", "sdk_version")).isEqualTo("2.1.0");
    assertThat(Json.get(list, "target", "server_name")).isEqualTo("stdio-server");
    assertThat(Json.get(list, "target", "server_version")).isEqualTo("4.2.0");
    assertThat(Json.get(list, "target", "protocol_version")).as("learned from this session's initialize")
        .isEqualTo("2025-11-25");
    assertThat(Json.get(list, "identity", "client_name")).isEqualTo("claude-desktop");
    assertThat(Json.get(list, "identity", "client_version")).isEqualTo("1.4.2");
    assertThat(Json.get(list, "identity", "session_id")).isEqualTo("sess-stdio-1");
    assertThat(Json.get(list, "activity", "jsonrpc_id")).isEqualTo("r-2");
    assertThat(list).doesNotContainKey("payload"); // stdio: no HTTP size, no arguments

    Map<String, Object> other = event(call(ServerCall.ENGINE_SESSION,
        session("sess-stdio-2", new FakeStdioTransport(), new HashMap<>()), request("ping", 3, null), null, null));
    assertThat(Json.get(other, "target")).isInstanceOf(Map.class);
    assertThat((Map<Object, Object>) Json.get(other, "target")).doesNotContainKey("protocol_version");
  }

  @Test
  void sseSessionAndNotifications() throws Exception {
    McpServerSession session = session("sess-sse", new FakeSseTransport(), new HashMap<>());
    Map<String, Object> e = event(call(ServerCall.ENGINE_SESSION, session,
        new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/initialized", null), null, null));
    assertThat(Json.get(e, "target", "transport")).isEqualTo("sse");
    assertThat(Json.get(e, "activity", "mcp_operation")).isEqualTo("notifications/initialized");
    assertThat((Map<Object, Object>) Json.get(e, "activity")).doesNotContainKey("jsonrpc_id");
    assertThat(Json.get(e, "outcome", "status")).isEqualTo("success");
  }

  @Test
  void streamableInitializeIsReadFromTheTypedRequestAndTheBareResult() throws Exception {
    McpStreamableServerSession session = new McpStreamableServerSession("st-sess-1", CAPS,
        new McpSchema.Implementation("ide-plugin", "2.0.1"), Duration.ofSeconds(5), new HashMap<>(), new HashMap<>());
    McpSchema.InitializeRequest init = new McpSchema.InitializeRequest("2025-06-18", CAPS,
        new McpSchema.Implementation("ide-plugin", "2.0.1"), Map.of("traceparent", TRACEPARENT));
    McpSchema.InitializeResult result = new McpSchema.InitializeResult("2025-11-25",
        McpSchema.ServerCapabilities.builder().build(), new McpSchema.Implementation("http-server", "9.9"), null);
    HttpRequestInfo http = new HttpRequestInfo();
    http.remoteAddr = "192.168.1.45";
    http.remotePort = 0; // unknown ports are omitted

    Map<String, Object> e = event(call(ServerCall.ENGINE_STREAMABLE_INIT, session, init, result, http));
    assertThat(Json.get(e, "activity", "mcp_operation")).isEqualTo("initialize");
    assertThat((Map<Object, Object>) Json.get(e, "activity")).doesNotContainKey("jsonrpc_id");
    assertThat(Json.get(e, "identity", "client_name")).isEqualTo("ide-plugin");
    assertThat(Json.get(e, "identity", "client_version")).isEqualTo("2.0.1");
    assertThat(Json.get(e, "identity", "session_id")).isEqualTo("st-sess-1");
    assertThat(Json.get(e, "identity", "source_ip")).isEqualTo("192.168.1.45");
    assertThat((Map<Object, Object>) Json.get(e, "identity")).doesNotContainKey("source_port");
    assertThat(Json.get(e, "target", "transport")).isEqualTo("streamable_http");
    assertThat(Json.get(e, "target", "server_name")).isEqualTo("http-server");
    assertThat(Json.get(e, "target", "protocol_version")).isEqualTo("2025-11-25");
    assertThat(Json.get(e, "outcome", "status")).isEqualTo("success");
    assertThat(e.get("correlation_source")).isEqualTo("meta.traceparent");

    // a later request of that session without the protocol header still gets the negotiated version
    Map<String, Object> later = event(call(ServerCall.ENGINE_STREAMABLE, session, request("tools/list", 5, null),
        null, new HttpRequestInfo()));
    assertThat(Json.get(later, "target", "protocol_version")).isEqualTo("2025-11-25");
    assertThat(Json.get(later, "identity", "client_name")).isEqualTo("ide-plugin");
    assertThat(Json.get(later, "outcome", "status")).as("completed without an observed response").isEqualTo("success");
  }

  @Test
  void sessionIdFallsBackToTheHeaderExceptForStatelessServers() throws Exception {
    HttpRequestInfo http = new HttpRequestInfo();
    http.sessionId = "hdr-session-7";
    assertThat(Json.get(event(call(ServerCall.ENGINE_STREAMABLE, null, request("ping", 1, null), null, http)),
        "identity", "session_id")).isEqualTo("hdr-session-7");
    assertThat((Map<Object, Object>) Json.get(event(call(ServerCall.ENGINE_STATELESS, null, request("ping", 1, null), null, http)),
        "identity")).doesNotContainKey("session_id");
  }

  @Test
  void typedParamsRecordsAreReadLikeJsonMaps() throws Exception {
    McpSchema.CallToolRequest params = new McpSchema.CallToolRequest("lookup",
        Map.of("api_key", "sk-typed-secret"), Map.of("traceparent", TRACEPARENT));
    String line = line(call(ServerCall.ENGINE_STATELESS, null, request("tools/call", 11, params), null, null));
    Map<String, Object> e = Json.parse(line);
    assertThat(Json.get(e, "activity", "tool_name")).isEqualTo("lookup");
    assertThat((List<Object>) Json.get(e, "payload", "argument_keys")).containsExactly("api_key");
    assertThat(e.get("correlation_source")).isEqualTo("meta.traceparent");
    assertThat(line).doesNotContain("sk-typed-secret");
  }

  @Test
  void promptsAndResourcesNameTheirTarget() throws Exception {
    Map<String, Object> prompt = event(call(ServerCall.ENGINE_STATELESS, null, request("prompts/get", 1,
        Map.of("name", "summarize", "arguments", Map.of("text", "confidential body"))), null, null));
    assertThat(Json.get(prompt, "activity", "prompt_name")).isEqualTo("summarize");
    assertThat((List<Object>) Json.get(prompt, "payload", "argument_keys")).containsExactly("text");

    for (String method : List.of("resources/read", "resources/subscribe", "resources/unsubscribe")) {
      Map<String, Object> resource = event(call(ServerCall.ENGINE_STATELESS, null,
          request(method, 2, new McpSchema.ReadResourceRequest("file:///etc/app.conf")), null, null));
      assertThat(Json.get(resource, "activity", "resource_uri")).isEqualTo("file:///etc/app.conf");
    }
  }

  @Test
  void jsonResultsAndLongErrorsAreHandled() throws Exception {
    Map<String, Object> toolError = event(call(ServerCall.ENGINE_STATELESS, null,
        request("tools/call", 1, Map.of("name", "t")),
        new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 1, Map.of("isError", true), null), null));
    assertThat(Json.get(toolError, "outcome", "status")).isEqualTo("tool_error");

    Map<String, Object> failure = event(call(ServerCall.ENGINE_STATELESS, null, request("tools/call", 1, null),
        Calls.error(-32602, "e ".repeat(10_000)), null));
    assertThat(Json.get(failure, "outcome", "error_code")).isEqualTo(-32602L);
    assertThat((String) Json.get(failure, "outcome", "error_message")).hasSize(512 + "…[truncated]".length())
        .endsWith("…[truncated]");
  }

  @Test
  void sdkVersionFallsBackToTheMessageClass() throws Exception {
    Map<String, Object> e = event(call(ServerCall.ENGINE_STATELESS, new OwnerWithoutManifest(),
        request("ping", 1, null), null, null));
    assertThat(Json.get(e, "target", "sdk_version")).isEqualTo("2.1.0");
  }

  /** A handler-like owner from a jar without Implementation-Version (test classes have no manifest). */
  static final class OwnerWithoutManifest {}

  /** Its name marks it as a stdio transport, as the SDK's {@code StdioServerTransportProvider} does. */
  static class FakeStdioTransport implements McpServerTransport {
    @Override
    public Mono<Void> closeGracefully() {
      return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
      return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return null;
    }
  }

  static final class FakeSseTransport extends FakeStdioTransport {}
}

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
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Real SDK 2.1.0 objects in, one schema-v1 JSON line out. */
@SuppressWarnings("unchecked")
class ActivityMappingTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  private final Ids ids = new Ids();
  private final ActivityMapper mapper = new ActivityMapper(ids, new Clock());
  private final EventJson json = new EventJson(new Deployment("orders", "test", "host-1", "instance-1"));

  private String line(ServerCall call) throws Exception {
    ActivityEvent event = new ActivityEvent();
    mapper.map(call, event);
    json.activity(event);
    return new String(json.bytes(), 0, json.length(), StandardCharsets.UTF_8);
  }

  private Map<String, Object> event(ServerCall call) throws Exception {
    String line = line(call);
    assertThat(line).endsWith("\n").doesNotContain("\r");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    return Json.parse(line);
  }

  @Test
  void successfulToolCallHasNamesButNeverArgumentValues() throws Exception {
    String line = line(Calls.toolCall(Calls.result(McpSchema.CallToolResult.builder()
        .addTextContent("the result text").isError(false).build()), null));
    Map<String, Object> e = Json.parse(line);

    assertThat(e.get("schema_version")).isEqualTo("1");
    assertThat(e.get("event_type")).isEqualTo("mcp_activity");
    assertThat((String) e.get("event_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat((String) e.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    assertThat(Json.get(e, "activity", "mcp_operation")).isEqualTo("tools/call");
    assertThat(Json.get(e, "activity", "direction")).isEqualTo("inbound");
    assertThat(Json.get(e, "activity", "jsonrpc_id")).isEqualTo("7");
    assertThat(Json.get(e, "activity", "tool_name")).isEqualTo("lookup");
    assertThat(Json.get(e, "outcome", "status")).isEqualTo("success");
    assertThat(Json.get(e, "outcome", "duration_ms")).isEqualTo(1.234);
    assertThat((List<Object>) Json.get(e, "payload", "argument_keys")).containsExactlyInAnyOrder("customer_id", "api_key");
    assertThat(Json.get(e, "target", "server_id")).isEqualTo("orders");
    assertThat(Json.get(e, "target", "environment")).isEqualTo("test");
    assertThat(Json.get(e, "target", "transport")).isEqualTo("stateless_http");
    assertThat(Json.get(e, "security_context", "parameters_scrubbed")).isEqualTo(true);
    assertThat(line).doesNotContain("sk-secret-value").doesNotContain("cust-42").doesNotContain("the result text")
        .doesNotContain("null");
  }

  /**
   * The SDK turns a handler's exception into -32603 with the exception's message, which may quote anything:
   * such messages are never kept. Standard request errors keep theirs, with planted values replaced.
   */
  @Test
  void errorMessagesAreKeptOnlyForStandardCodesAndNeverWithSecrets() throws Exception {
    String planted = "lookup failed for card 4111111111111111 of alice@example.com with key sk_live_51H8d2kLmN0pQrStUvWxYz";
    String internal = line(Calls.toolCall(Calls.error(-32603, planted), null));
    assertThat((Map<Object, Object>) Json.parse(internal).get("outcome")).containsEntry("error_code", -32603L)
        .doesNotContainKey("error_message");
    String custom = line(Calls.toolCall(Calls.error(-32001, planted), null));
    assertThat((Map<Object, Object>) Json.parse(custom).get("outcome")).containsEntry("error_code", -32001L)
        .doesNotContainKey("error_message");

    Map<String, Object> invalid = event(Calls.toolCall(Calls.error(-32602, planted), null));
    assertThat(Json.get(invalid, "outcome", "error_message")).isEqualTo("lookup failed for card [REDACTED:payment_card]"
        + " of [REDACTED:email] with key [REDACTED:stripe_key]");
    for (String line : List.of(internal, custom, invalid.toString())) {
      assertThat(line).doesNotContain("4111111111111111").doesNotContain("alice@example.com").doesNotContain("sk_live_");
    }

    ServerCall thrownInternal = Calls.toolCall(null, null);
    thrownInternal.error = McpError.builder(-32603).message(planted).build();
    Calls.finish(thrownInternal, ServerCall.SIGNAL_ERROR);
    assertThat(line(thrownInternal)).doesNotContain("4111111111111111").doesNotContain("lookup failed");
  }

  @Test
  void outcomeTaxonomy() throws Exception {
    assertThat(Json.get(event(Calls.toolCall(Calls.result(McpSchema.CallToolResult.builder()
        .addTextContent("no").isError(true).build()), null)), "outcome", "status")).isEqualTo("tool_error");

    Map<String, Object> rpcError = event(Calls.toolCall(Calls.error(-32602, "Unknown tool: lookup"), null));
    assertThat(Json.get(rpcError, "outcome", "status")).isEqualTo("failure");
    assertThat(Json.get(rpcError, "outcome", "error_code")).isEqualTo(-32602L);
    assertThat(Json.get(rpcError, "outcome", "error_message")).isEqualTo("Unknown tool: lookup");

    ServerCall thrownMcpError = Calls.toolCall(null, null);
    thrownMcpError.error = McpError.builder(-32002).message("resource gone").build();
    Calls.finish(thrownMcpError, ServerCall.SIGNAL_ERROR);
    assertThat(Json.get(event(thrownMcpError), "outcome", "error_code")).isEqualTo(-32002L);
    assertThat(Json.get(event(thrownMcpError), "outcome", "error_message")).isEqualTo("resource gone");

    ServerCall thrownOther = Calls.toolCall(null, null);
    thrownOther.error = new IllegalStateException("customer cust-42 has card 4111111111111111");
    Calls.finish(thrownOther, ServerCall.SIGNAL_THROWN);
    String otherLine = line(thrownOther);
    assertThat(Json.get(Json.parse(otherLine), "outcome", "error_code")).isEqualTo(-32603L);
    assertThat(Json.get(Json.parse(otherLine), "outcome", "error_type")).isEqualTo("java.lang.IllegalStateException");
    assertThat((Map<Object, Object>) Json.parse(otherLine).get("outcome")).doesNotContainKey("error_message");
    assertThat(otherLine).doesNotContain("4111111111111111").doesNotContain("cust-42");

    ServerCall cancelled = Calls.toolCall(null, null);
    Calls.finish(cancelled, ServerCall.SIGNAL_CANCEL);
    assertThat(Json.get(event(cancelled), "outcome", "status")).isEqualTo("cancelled");

    // a web framework that reads one value from the Mono and then cancels it (Micronaut does) got the answer
    ServerCall answeredThenCancelled = Calls.toolCall(Calls.result(McpSchema.CallToolResult.builder()
        .addTextContent("no").isError(true).build()), null);
    Calls.finish(answeredThenCancelled, ServerCall.SIGNAL_CANCEL);
    assertThat(Json.get(event(answeredThenCancelled), "outcome", "status")).isEqualTo("tool_error");

    // a notification has no response: its empty completion before the cancel is what counts
    ServerCall notification = new ServerCall(ServerCall.ENGINE_STATELESS, true,
        new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/initialized", null), null, null);
    notification.onSuccess().accept(null);
    Calls.finish(notification, ServerCall.SIGNAL_CANCEL);
    assertThat(Json.get(event(notification), "outcome", "status")).isEqualTo("success");
  }

  @Test
  void correlationPrefersMetaTraceparentThenHeadersThenGenerated() throws Exception {
    Map<String, Object> meta = event(Calls.toolCall(Calls.result(Map.of()), Map.of("traceparent", TRACEPARENT)));
    assertThat(meta.get("correlation_id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(meta.get("correlation_source")).isEqualTo("meta.traceparent");
    assertThat(Json.get(meta, "trace", "parent_span_id")).isEqualTo("00f067aa0ba902b7");
    assertThat((String) Json.get(meta, "trace", "span_id")).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");

    HttpRequestInfo http = new HttpRequestInfo();
    http.traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Map<String, Object> header = event(Calls.request(ServerCall.ENGINE_STATELESS, null, "tools/call", 1,
        Map.of("name", "x", "_meta", Map.of("traceparent", "00-zzzz-not-valid-01")), null, http));
    assertThat(header.get("correlation_source")).isEqualTo("header.traceparent");
    assertThat(header.get("correlation_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");

    http.traceparent = "00-00000000000000000000000000000000-b7ad6b7169203331-01"; // all-zero trace id: invalid
    http.correlationHeader = "X-Request-ID";
    http.correlationValue = "req-77";
    Map<String, Object> custom = event(Calls.request(ServerCall.ENGINE_STATELESS, null, "ping", 2, null, null, http));
    assertThat(custom.get("correlation_source")).isEqualTo("header.x-request-id");
    assertThat(custom.get("correlation_id")).isEqualTo("req-77");
    // the request still gets its own trace and span, which calls it makes downstream are parented to
    assertThat((String) Json.get(custom, "trace", "trace_id")).matches("[0-9a-f]{32}");
    assertThat(Json.get(custom, "trace", "parent_span_id")).isNull();

    http.correlationValue = "req-77\n2026-11-22 INFO forged line"; // not a plain token: not trusted
    Map<String, Object> forged = event(Calls.request(ServerCall.ENGINE_STATELESS, null, "ping", 4, null, null, http));
    assertThat(forged.get("correlation_source")).isEqualTo("generated");
    assertThat(forged.toString()).doesNotContain("forged");

    Map<String, Object> generated = event(Calls.request(ServerCall.ENGINE_STATELESS, null, "ping", 3, null, null, null));
    assertThat(generated.get("correlation_source")).isEqualTo("generated");
    assertThat((String) generated.get("correlation_id")).matches("[0-9a-f]{32}");
    assertThat(Json.get(generated, "trace", "trace_id")).isEqualTo(generated.get("correlation_id"));
  }

  @Test
  void httpIdentityKeepsTheSchemeButNeverTheCredential() throws Exception {
    HttpRequestInfo http = new HttpRequestInfo();
    http.remoteAddr = "10.1.2.3";
    http.remotePort = 51234;
    http.setAuthorization("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJl");
    http.userAgent = "agent/1.0";
    http.contentLength = 312;
    http.protocolVersion = "2025-11-25";
    String line = line(Calls.request(ServerCall.ENGINE_STATELESS, null, "tools/list", 4, null, null, http));
    Map<String, Object> e = Json.parse(line);

    assertThat(Json.get(e, "identity", "source_ip")).isEqualTo("10.1.2.3");
    assertThat(Json.get(e, "identity", "source_port")).isEqualTo(51234L);
    assertThat(Json.get(e, "identity", "auth_scheme")).isEqualTo("bearer");
    assertThat(Json.get(e, "identity", "user_agent")).isEqualTo("agent/1.0");
    assertThat(Json.get(e, "payload", "request_bytes")).isEqualTo(312L);
    assertThat(Json.get(e, "target", "protocol_version")).isEqualTo("2025-11-25");
    assertThat(line).doesNotContain("eyJ");

    http.setAuthorization("secret-token-without-scheme");
    String bare = line(Calls.request(ServerCall.ENGINE_STATELESS, null, "tools/list", 5, null, null, http));
    assertThat(bare).doesNotContain("secret-token-without-scheme");
  }

  @Test
  void hostileValuesStayOneValidTruncatedLine() throws Exception {
    String huge = "evil\n{\"event_type\":\"forged\"}\r\u0000\u001b[31m\uD800" + "x".repeat(1 << 20);
    ServerCall call = Calls.request(ServerCall.ENGINE_STATELESS, null, "tools/call", huge,
        Map.of("name", huge, "arguments", Map.of(huge, "v")), null, null);
    String line = line(call);
    Map<String, Object> e = Json.parse(line);

    assertThat(line.length()).isLessThan(4096);
    assertThat((String) Json.get(e, "activity", "tool_name")).startsWith("evil\n{").endsWith("…[truncated]")
        .contains("\uFFFD").hasSizeLessThanOrEqualTo(256 + 12);
    assertThat(e.get("event_type")).isEqualTo("mcp_activity");
  }

  @Test
  void readsServerAndSdkFromARealStatelessEngine() throws Exception {
    CapturingTransport transport = new CapturingTransport();
    McpServer.sync(transport).serverInfo("orders-server", "3.1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build()).build();
    Object handlers = field(transport.handler, "requestHandlers");
    AuditBridge.registerServer(handlers, new McpSchema.Implementation("orders-server", "3.1.0"));

    Map<String, Object> e = event(Calls.request(ServerCall.ENGINE_STATELESS, transport.handler, "tools/list", 9,
        null, Calls.result(Map.of()), null));

    assertThat(Json.get(e, "target", "server_name")).isEqualTo("orders-server");
    assertThat(Json.get(e, "target", "server_version")).isEqualTo("3.1.0");
    assertThat(Json.get(e, "target", "sdk_version")).isEqualTo("2.1.0");
    assertThat(Json.get(e, "identity", "session_id")).isNull();
  }

  @Test
  void initializeTakesClientAndNegotiatedProtocolFromTheExchange() throws Exception {
    Map<String, Object> params = Map.of("protocolVersion", "2025-06-18",
        "clientInfo", Map.of("name", "claude-desktop", "version", "1.4.2"), "capabilities", Map.of());
    McpSchema.InitializeResult result = new McpSchema.InitializeResult("2025-11-25",
        McpSchema.ServerCapabilities.builder().build(), new McpSchema.Implementation("srv", "2.0"), null);
    Map<String, Object> e = event(Calls.request(ServerCall.ENGINE_STATELESS, null, "initialize", 0, params,
        Calls.result(result), null));

    assertThat(Json.get(e, "identity", "client_name")).isEqualTo("claude-desktop");
    assertThat(Json.get(e, "identity", "client_version")).isEqualTo("1.4.2");
    assertThat(Json.get(e, "target", "protocol_version")).isEqualTo("2025-11-25");
    assertThat(Json.get(e, "target", "server_name")).isEqualTo("srv");
  }

  private static Object field(Object target, String name) throws Exception {
    var f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

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

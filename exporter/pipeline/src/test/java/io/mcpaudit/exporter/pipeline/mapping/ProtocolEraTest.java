package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.Ids;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From protocol 2026-07-28 there is no session: each request says who the client is in its _meta. */
class ProtocolEraTest {

  @Test
  void sessionlessRequestsTakeClientAndProtocolFromMeta() {
    Map<String, Object> meta = Map.of(
        "io.modelcontextprotocol/clientInfo", Map.of("name", "agent-runtime", "version", "7.0"),
        "io.modelcontextprotocol/protocolVersion", "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities", Map.of());
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/call", 3,
            Map.of("name", "lookup", "arguments", Map.of(), "_meta", meta)), null, null);
    ActivityEvent event = new ActivityEvent();
    new ActivityMapper(new Ids(), new Clock()).map(call, event);

    assertThat(event.clientName).isEqualTo("agent-runtime");
    assertThat(event.clientVersion).isEqualTo("7.0");
    assertThat(event.protocolVersion).isEqualTo("2026-07-28");
    assertThat(event.sessionId).isNull();
  }

  @Test
  void olderRequestsWithoutMetaStayWithoutClient() {
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/list", 4, Map.of()), null, null);
    ActivityEvent event = new ActivityEvent();
    new ActivityMapper(new Ids(), new Clock()).map(call, event);
    assertThat(event.clientName).isNull();
    assertThat(event.protocolVersion).isNull();
  }
}

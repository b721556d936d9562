package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both ends audited: the SDK client and the SDK server, each in its own JVM with the agent attached.
 * Every request the client sends is an outbound event; its traceparent travels in {@code _meta}, so the
 * server's inbound event for the same request has the same correlation id and is a child of the
 * client's span.
 */
class ClientServerCorrelationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"streamable,streamable_http", "sse,sse", "stdio,stdio"})
  void everyRequestTheClientSendsHasTheSameCorrelationOnTheServer(String transport, String wireName) throws Exception {
    Scenario run = new Scenario(SampleApp.SDK_2_1, transport, true);
    run.clientProperties.add("-javaagent:" + SampleApp.agentJar());
    run.clientProperties.add("-Dmcp.audit.file.path=" + Scenario.RUN_DIR + "/client-audit.jsonl");
    run.clientProperties.add("-Dsample.roots=true");
    run.clientProperties.add("-Dsample.extraTools=list_roots");
    run.run();

    AuditFile server = run.audit();
    AuditFile client = AuditFile.read(run.dir.resolve("client-audit.jsonl"));
    List<JsonNode> sent = client.activities();
    // initialize, tools/list, tool calls (echo, fail, secret_lookup, boom), resources, prompts …
    assertThat(sent).hasSizeGreaterThanOrEqualTo(9);
    Map<String, JsonNode> received = server.activities().stream()
        .filter(e -> e.at("/activity/direction").asText().equals("inbound"))
        .filter(e -> !e.at("/activity/mcp_operation").asText().startsWith("notifications/"))
        .collect(Collectors.toMap(e -> e.path("correlation_id").asText(), e -> e, (a, b) -> a));
    for (JsonNode out : sent) {
      String what = out.at("/activity/mcp_operation").asText() + " " + out.at("/activity/tool_name").asText();
      assertThat(out.at("/activity/direction").asText()).as(what).isEqualTo("outbound");
      assertThat(out.at("/target/transport").asText()).as(what).isEqualTo(wireName);
      assertThat(out.at("/target/server_name").asText()).as(what).isEqualTo("sample-server");
      assertThat(out.at("/identity/client_name").asText()).as(what).isNotEmpty();
      JsonNode in = received.get(out.path("correlation_id").asText());
      assertThat(in).as("server event for client %s (%s)", what, out.path("correlation_id").asText()).isNotNull();
      assertThat(in.at("/activity/direction").asText()).isEqualTo("inbound");
      assertThat(in.at("/activity/mcp_operation").asText()).as(what).isEqualTo(out.at("/activity/mcp_operation").asText());
      assertThat(in.at("/activity/tool_name").asText()).as(what).isEqualTo(out.at("/activity/tool_name").asText());
      assertThat(in.path("correlation_source").asText()).as(what).isEqualTo("meta.traceparent");
      assertThat(in.at("/trace/trace_id").asText()).isEqualTo(out.at("/trace/trace_id").asText());
      assertThat(in.at("/trace/parent_span_id").asText()).as(what).isEqualTo(out.at("/trace/span_id").asText());
      assertThat(in.at("/outcome/status").asText()).as(what).isEqualTo(out.at("/outcome/status").asText());
    }
    // the echo call brought its own traceparent: the client recorded it as is and did not replace it
    JsonNode echo = client.toolCall("echo");
    assertThat(echo.path("correlation_source").asText()).isEqualTo("meta.traceparent");
    assertThat(echo.path("correlation_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    // a JSON-RPC error reaches the client as a failure with its code
    assertThat(client.toolCall("boom").at("/outcome/error_code").asInt()).isEqualTo(-32602);
    assertThat(client.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();

    // the server asked the client for its roots while list_roots ran: outbound on the server, in that call's trace
    JsonNode listRoots = server.toolCall("list_roots");
    assertThat(listRoots.at("/outcome/status").asText()).isEqualTo("success");
    JsonNode rootsRequest = server.activities("roots/list").stream().findFirst()
        .orElseThrow(() -> new AssertionError("no roots/list event on the server\n" + server.raw));
    assertThat(rootsRequest.at("/activity/direction").asText()).isEqualTo("outbound");
    assertThat(rootsRequest.path("correlation_id").asText()).isEqualTo(listRoots.path("correlation_id").asText());
    assertThat(rootsRequest.path("correlation_source").asText()).isEqualTo("context");
    assertThat(rootsRequest.at("/trace/parent_span_id").asText()).isEqualTo(listRoots.at("/trace/span_id").asText());
    assertThat(rootsRequest.at("/identity/client_name").asText()).isEqualTo("sample-client");
    assertThat(rootsRequest.at("/target/server_name").asText()).isEqualTo("sample-server");
    assertThat(rootsRequest.at("/target/transport").asText()).isEqualTo(wireName);
    assertThat(rootsRequest.at("/outcome/status").asText()).isEqualTo("success");
  }
}

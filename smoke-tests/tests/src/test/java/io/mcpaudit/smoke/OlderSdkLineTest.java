package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An SDK release whose session engine the agent does not know: in 0.11.0–0.11.2 {@code McpServerSession}
 * dispatches without a transport context. The agent must leave that class alone, say so once, and change
 * nothing the client sees. (That release's Streamable HTTP and stateless engines already have the known
 * shape and are audited in full by the transport matrix.)
 */
class OlderSdkLineTest {

  @ParameterizedTest(name = "SDK 0.11.2 {0}")
  @ValueSource(strings = {"stdio", "sse"})
  void leavesAnUnknownSessionEngineAloneAndSaysSoOnce(String transport) throws Exception {
    Scenario plain = new Scenario(SampleApp.SDK_0_11_2, transport, false).run();
    Scenario audited = new Scenario(SampleApp.SDK_0_11_2, transport, true).run();

    assertThat(audited.transcript).as("what the client received").isEqualTo(plain.transcript)
        .anyMatch(line -> line.startsWith("tools/call echo "));
    assertThat(audited.agentProblems()).as("one warning, naming the class and what it lacks").singleElement()
        .asString().contains("WARN leaving io.modelcontextprotocol.spec.McpServerSession uninstrumented")
        .contains("handleIncomingRequest(JSONRPCRequest, McpTransportContext)");

    AuditFile audit = audited.audit();
    assertThat(audit.activities()).as("no half-captured events").isEmpty();
    assertThat(audit.first().at("/lifecycle/phase").asText()).isEqualTo("start");
    JsonNode counters = audit.last().at("/lifecycle/counters");
    assertThat(audit.last().at("/lifecycle/phase").asText()).isEqualTo("stop");
    assertThat(counters.path("advice_errors").asLong()).isZero();
    assertThat(counters.path("events_dropped").asLong()).isZero();
  }
}

package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On Spring WebFlux the agent takes HTTP identity from the exchange, which it carries in the Reactor
 * context of the request's handling; the application's own objects stay exactly what they would be without
 * the agent. A tool of the application looks at the transport context it is handed (its class, whether it is
 * the SDK's {@code EMPTY}, compared by identity, whether it is a proxy) and answers with that; the answers must
 * be the same with and without the agent, while the events still carry the HTTP identity.
 */
class SpringWebFluxContextTest {

  static Stream<Arguments> stacks() {
    return Stream.of(
        Arguments.of(SampleApp.SPRING_AI_WEBFLUX, "streamable"),
        Arguments.of(SampleApp.SPRING_AI_WEBFLUX, "sse"),
        Arguments.of(SampleApp.SPRING_AI_WEBFLUX, "stateless"),
        Arguments.of(SampleApp.SPRING_AI_1_WEBFLUX, "streamable"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("stacks")
  void theApplicationSeesItsOwnTransportContextAndEventsStillHaveHttpIdentity(SampleApp app, String transport)
      throws Exception {
    Scenario plain = scenario(app, transport, false).run();
    Scenario audited = scenario(app, transport, true).run();

    String check = audited.transcript.stream().filter(l -> l.startsWith("tools/call context_check ")).findFirst()
        .orElseThrow(() -> new AssertionError("no context_check answer: " + audited.transcript));
    assertThat(check).contains("empty=true").contains("proxy=false");
    assertThat(audited.transcript).as("what the application saw and the client received").isEqualTo(plain.transcript);

    AuditFile audit = audited.audit();
    JsonNode event = audit.toolCall("context_check");
    assertThat(event.at("/outcome/status").asText()).isEqualTo("success");
    for (JsonNode e : audit.activities()) {
      assertThat(e.at("/identity/source_ip").asText()).as(e.toString()).isEqualTo("127.0.0.1");
      assertThat(e.at("/identity/user_agent").asText()).startsWith("Java-http-client/");
      assertThat(e.at("/identity/auth_scheme").asText()).isEqualTo("bearer");
    }
    assertThat(audited.agentProblems()).isEmpty();
  }

  private static Scenario scenario(SampleApp app, String transport, boolean withAgent) {
    Scenario run = new Scenario(app, transport, withAgent);
    run.serverProperties.add("-Dsample.probes=true");
    run.clientProperties.add("-Dsample.extraTools=context_check");
    return run;
  }
}

package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application's own log lines inside a tool call carry the call's correlation id and tool name in
 * Logback's MDC on Spring AI's stacks (2.0 and 1.1): Spring MVC (servlet threads) and Spring WebFlux (Reactor Netty
 * event loops, with the sync tool handler on a {@code boundedElastic} thread). The sample logs
 * "running tool X" with Spring Boot's Logback, whose pattern (logback-spring.xml) prints the MDC keys.
 */
class SpringLogContextTest {
  /** The sample's Logback pattern (logback-spring.xml): MDC keys, level, thread, logger, message. */
  private static final Pattern TOOL_LINE =
      Pattern.compile("SPRING-LOG corr=(\\S*) tool=(\\S*) \\w+\\s+\\[([^\\]]+)\\] SampleServer - running tool (\\S+)");

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = SampleApp.class, names = {"SPRING_AI", "SPRING_AI_WEBFLUX", "SPRING_AI_1", "SPRING_AI_1_WEBFLUX"})
  void toolLogLinesCarryTheCallsCorrelationId(SampleApp app) throws Exception {
    Scenario run = new Scenario(app, "streamable", true);
    run.serverProperties.add("-Dsample.logToolCalls=true");
    run.run();
    AuditFile audit = run.audit();
    assertThat(run.agentProblems()).isEmpty();

    List<Matcher> lines = run.serverStderr.lines().map(TOOL_LINE::matcher).filter(Matcher::find).toList();
    for (String tool : List.of("echo", "fail", "secret_lookup")) {
      JsonNode event = audit.toolCall(tool);
      Matcher line = lines.stream().filter(m -> m.group(4).equals(tool)).findFirst()
          .orElseThrow(() -> new AssertionError("no log line for " + tool + " in\n" + run.serverStderr));
      assertThat(line.group(1)).as(tool + " correlation id on thread " + line.group(3))
          .isEqualTo(event.path("correlation_id").asText()).isNotEmpty();
      assertThat(line.group(2)).as(tool + " tool name").isEqualTo(tool);
      if (app == SampleApp.SPRING_AI_WEBFLUX || app == SampleApp.SPRING_AI_1_WEBFLUX) {
        // the tool ran after a thread hop, off the event loop
        assertThat(line.group(3)).startsWith("boundedElastic-");
      }
    }
    // echo carries the client's traceparent, the others the correlation header: two different ids
    assertThat(audit.toolCall("echo").path("correlation_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(audit.toolCall("fail").path("correlation_id").asText()).isEqualTo("smoke-corr-1");
  }
}

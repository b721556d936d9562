package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent on JDK 25 (class-file version 69, and the JDK that warns about {@code sun.misc.Unsafe}):
 * the same audit and no warnings caused by the agent. The full matrix runs on the build's JDK 17; to
 * keep the build's time down, JDK 25 runs one session-based and one HTTP transport of SDK 2.1.0, the
 * oldest line (0.11.3, over HTTP+SSE), the reactive stack (Spring AI WebFlux) and Micronaut MCP; {@code CorrelationStoryTest} also runs on JDK 25 (its JDK HTTP
 * client instrumentation is JDK-internal code).
 */
class Jdk25Test {

  static Path jdk25() {
    Path jdk = Path.of(System.getProperty("smoke.jdk25.home"));
    assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + jdk + " (set smoke.jdk25.home)");
    return jdk;
  }

  @ParameterizedTest(name = "JDK 25 {0} {1}")
  @CsvSource({"SDK_2_1,stdio", "SDK_2_1,streamable", "SPRING_AI_WEBFLUX,streamable", "SDK_0_11,sse", "MICRONAUT,stateless"})
  void auditsOnJdk25(SampleApp app, String transport) throws Exception {
    Path jdk = jdk25();

    Scenario run = new Scenario(app, transport, true);
    run.javaHome = jdk;
    run.run();

    AuditFile audit = run.audit();
    assertThat(audit.activities()).hasSize(12);
    assertThat(audit.toolCall("fail").at("/outcome/status").asText()).isEqualTo("tool_error");
    assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();
    assertThat(run.agentProblems()).isEmpty();
    assertThat(run.serverStderr).doesNotContain("sun.misc.Unsafe").doesNotContain("io.mcpaudit.shaded");
  }
}

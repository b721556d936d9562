package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent on JDK 25 (class-file version 69, and the JDK that warns about {@code sun.misc.Unsafe}):
 * the same audit and no warnings caused by the agent. The full matrix runs on the build's JDK 17;
 * here one session-based and one HTTP transport keep the build's time down.
 */
class Jdk25Test {

  @ParameterizedTest(name = "JDK 25 {0}")
  @ValueSource(strings = {"stdio", "streamable"})
  void auditsOnJdk25(String transport) throws Exception {
    Path jdk = Path.of(System.getProperty("smoke.jdk25.home"));
    assumeTrue(Files.isExecutable(jdk.resolve("bin/java")), "no JDK 25 at " + jdk + " (set smoke.jdk25.home)");

    Scenario run = new Scenario(SampleApp.SDK_2_1, transport, true);
    run.javaHome = jdk;
    run.run();

    AuditFile audit = run.audit();
    assertThat(audit.activities()).hasSize(11 + run.boomAttempts());
    assertThat(audit.toolCall("fail").at("/outcome/status").asText()).isEqualTo("tool_error");
    assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();
    assertThat(run.agentProblems()).isEmpty();
    assertThat(run.serverStderr).doesNotContain("sun.misc.Unsafe").doesNotContain("io.mcpaudit.shaded");
  }
}

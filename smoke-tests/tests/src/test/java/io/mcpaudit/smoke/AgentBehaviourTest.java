package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flush on exit, the off switch, and coexistence with the application's own copies of our dependencies. */
class AgentBehaviourTest {

  @Test
  void systemExitRightAfterTheLastRequestLosesNoEvent() throws Exception {
    int calls = 25;
    Scenario run = new Scenario(SampleApp.SDK_2_1, "streamable", true);
    run.serverProperties.add("-Dsample.exitAfterRequests=" + calls);
    run.clientProperties.add("-Dsample.calls=" + calls);
    run.run();

    // The server calls System.exit the moment its tool has produced the last answer: that request is
    // still in flight (its response being written) and earlier events may still be in the ring. The
    // shutdown hook waits briefly for requests in flight, then drains: every call the client got an
    // answer for must be in the file.
    AuditFile audit = run.audit();
    long answered = run.transcript.stream().filter(l -> l.startsWith("tools/call echo")).count();
    assertThat(answered).isGreaterThanOrEqualTo(calls - 1);
    assertThat(audit.activities("tools/call")).hasSizeGreaterThanOrEqualTo((int) answered);
    JsonNode stop = audit.last();
    assertThat(stop.at("/lifecycle/phase").asText()).isEqualTo("stop");
    assertThat(stop.at("/lifecycle/counters/events_written").asLong()).isEqualTo(audit.activities().size());
  }

  @Test
  void hostileValuesYieldValidBoundedEventsAndNeverTheValues() throws Exception {
    Scenario run = new Scenario(SampleApp.SDK_2_1, "stateless", true);
    run.clientProperties.add("-Dsample.hostile=true");
    run.run();

    assertThat(run.transcript).anyMatch(l -> l.startsWith("hostile tool error "));
    AuditFile audit = run.audit(); // every line parsed strictly as one JSON object
    assertThat(audit.raw.lines().count()).isEqualTo(audit.events.size());
    assertThat(audit.raw.lines()).allMatch(line -> line.length() < 8_192);
    assertThat(audit.events).noneMatch(e -> e.path("event_type").asText().equals("forged"));
    assertThat(audit.raw).doesNotContain("vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv");
    JsonNode evil = audit.activities("tools/call").stream()
        .filter(e -> e.at("/activity/tool_name").asText().startsWith("evil")).findFirst().orElseThrow();
    assertThat(evil.at("/activity/tool_name").asText()).startsWith("evil\n{\"event_type\"").endsWith("…[truncated]");
    assertThat(evil.at("/outcome/status").asText()).isEqualTo("failure");
    assertThat(evil.at("/payload/argument_keys").toString()).isEqualTo("[\"payload\"]");
    assertThat(audit.toolCall("echo").at("/outcome/status").asText()).isEqualTo("success");
    assertThat(run.agentProblems()).isEmpty();
  }

  @Test
  void disabledAgentWritesNothingAndChangesNothing() throws Exception {
    Scenario plain = new Scenario(SampleApp.SDK_2_1, "stateless", false).run();
    Scenario disabled = new Scenario(SampleApp.SDK_2_1, "stateless", true);
    disabled.agentProperties.add("-Dmcp.audit.enabled=false");
    disabled.run();

    assertThat(Files.exists(disabled.auditFile)).isFalse();
    assertThat(disabled.transcript).isEqualTo(plain.transcript);
    assertThat(disabled.serverStderr).contains("[mcp-audit] INFO disabled by mcp.audit.enabled");
    List<String> agentLines = disabled.serverStderr.lines().filter(l -> l.startsWith("[mcp-audit]")).toList();
    assertThat(agentLines).hasSize(1);
  }

  @Test
  void anApplicationWithItsOwnDisruptorJacksonAndByteBuddyKeepsWorking() throws Exception {
    Scenario plain = new Scenario(SampleApp.SDK_2_1, "streamable", false).run();
    Scenario clash = new Scenario(SampleApp.CLASH, "streamable", true);
    clash.serverMain = "io.mcpaudit.smoke.clash.ClashServer";
    clash.run();

    // the application really uses its own copies, and they work beside the agent's relocated ones
    assertThat(clash.serverStdout).contains("disruptor=disruptor-3.4.4.jar")
        .contains("jackson=jackson-databind-2.18.2.jar:{\"check\":\"jackson\"}")
        .contains("bytebuddy=byte-buddy-1.15.11.jar:bytebuddy-ok")
        .contains("logger=AsyncLogger");
    // the SDK's own logging went through Log4j2's async loggers (Disruptor 3) while the agent ran
    assertThat(clash.serverStderr).contains("LOG4J").contains("Client initialize request");
    assertThat(clash.transcript.stream().filter(l -> !l.startsWith("boom_attempts")).toList())
        .isEqualTo(plain.transcript.stream().filter(l -> !l.startsWith("boom_attempts")).toList())
        .contains("tools/call boom error -32602 boom");
    assertThat(clash.agentProblems()).isEmpty();
    AuditFile audit = clash.audit();
    assertThat(audit.activities()).hasSize(11 + clash.boomAttempts());
    assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();
    assertThat(audit.toolCall("echo").at("/target/server_name").asText()).isEqualTo("sample-server");
  }
}

package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
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
    // drains: the server handled all K calls, so all K are in the file (the client may have missed
    // the last answer, if the exit outran it).
    AuditFile audit = run.audit();
    long answered = run.transcript.stream().filter(l -> l.startsWith("tools/call echo")).count();
    assertThat(answered).isGreaterThanOrEqualTo(calls - 1);
    assertThat(audit.activities("tools/call")).as(audit.raw).hasSize(calls);
    assertThat(audit.activities("tools/call")).allMatch(e -> e.at("/activity/tool_name").asText().equals("echo"));
    JsonNode stop = audit.last();
    assertThat(stop.at("/lifecycle/phase").asText()).isEqualTo("stop");
    assertThat(stop.at("/lifecycle/counters/events_written").asLong()).isEqualTo(audit.activities().size());
  }

  @Test
  void stdioServerExitsNormallyWhenItsInputEndsAndTheAgentWritesItsStop() throws Exception {
    Path dir = Path.of(System.getProperty("smoke.work"), "stdio-eof-" + System.nanoTime());
    Path auditFile = dir.resolve("audit.jsonl");
    List<String> jvm = List.of("-javaagent:" + SampleApp.agentJar(), "-Dmcp.audit.file.path=" + auditFile,
        "-Dmcp.audit.server.id=smoke", "-Dmcp.audit.environment=test");
    try (JvmProcess server = JvmProcess.start(dir, "server", jvm, SampleApp.SDK_2_1.classPath(), SampleApp.SERVER, "stdio")) {
      server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-client\",\"version\":\"0.1\"}}}\n"
          + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n");
      server.awaitLine(".*\"id\":2.*", Scenario.START);
      server.closeStdin();
      assertThat(server.awaitExit(Scenario.CLIENT)).as(server.tails()).isZero();
      assertThat(server.stderr()).doesNotContain("[mcp-audit] WARN").doesNotContain("[mcp-audit] ERROR");
    }
    AuditFile audit = AuditFile.read(auditFile);
    assertThat(audit.activities()).extracting(e -> e.at("/activity/mcp_operation").asText())
        .containsExactlyInAnyOrder("initialize", "notifications/initialized", "ping");
    assertThat(audit.activities("initialize").get(0).at("/identity/client_name").asText()).isEqualTo("raw-client");
    assertThat(audit.activities("ping").get(0).at("/activity/jsonrpc_id").asText()).isEqualTo("2");
    assertThat(audit.first().at("/lifecycle/phase").asText()).isEqualTo("start");
    assertThat(audit.last().at("/lifecycle/phase").asText()).isEqualTo("stop");
    assertThat(audit.last().at("/lifecycle/counters/events_written").asLong()).isEqualTo(3);
    assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();
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
    Scenario plain = clash(false).run();
    Scenario clash = clash(true).run();

    // the application really uses its own copies, and they work beside the agent's relocated ones:
    // at start, and when asked through the library_check tool after serving requests
    String expected = "disruptor=disruptor-3.4.4.jar jackson=jackson-databind-2.18.2.jar:2.18.2:";
    assertThat(clash.serverStdout).contains("LIBRARIES " + expected)
        .contains("bytebuddy=byte-buddy-1.15.11.jar:bytebuddy-ok logger=AsyncLogger asyncSelector=true");
    String libraryCheck = clash.transcript.stream().filter(l -> l.startsWith("tools/call library_check "))
        .findFirst().orElseThrow(() -> new AssertionError("no library_check answer: " + clash.transcript));
    assertThat(libraryCheck).contains(expected)
        .contains("bytebuddy=byte-buddy-1.15.11.jar:bytebuddy-ok logger=AsyncLogger asyncSelector=true");
    assertThat(clash.serverStderr).contains("Client initialize request");
    assertThat(clash.transcript).isEqualTo(plain.transcript).contains("tools/call boom error -32602 boom");
    assertThat(clash.agentProblems()).isEmpty();
    AuditFile audit = clash.audit();
    assertThat(audit.activities()).hasSize(13);
    assertThat(audit.toolCall("library_check").at("/outcome/status").asText()).isEqualTo("success");
    // every tool call went through Jackson 2 and the async Log4j2 logger (Disruptor 3), and so did the
    // SDK's own logging, while the agent ran; each line carries its request's correlation id and tool
    // in the Log4j2 ThreadContext, though the tool ran on a Reactor pool thread
    for (String tool : List.of("echo", "fail", "secret_lookup", "library_check", "boom")) {
      String prefix = "LOG4J corr=" + audit.toolCall(tool).path("correlation_id").asText() + " tool=" + tool + " ";
      assertThat(clash.serverStderr.lines())
          .as(tool).anyMatch(l -> l.startsWith(prefix) && l.endsWith("tool call {\"tool\":\"" + tool + "\"}"));
    }
    assertThat(audit.toolCall("echo").at("/target/server_name").asText()).isEqualTo("sample-server");
    JsonNode counters = audit.last().at("/lifecycle/counters");
    assertThat(counters.path("events_written").asLong()).isEqualTo(audit.activities().size());
    assertThat(counters.path("advice_errors").asLong()).isZero();
    assertThat(counters.path("extraction_errors").asLong()).isZero();
    assertThat(counters.path("events_dropped").asLong()).isZero();
  }

  private static Scenario clash(boolean withAgent) {
    Scenario run = new Scenario(SampleApp.CLASH, "streamable", withAgent);
    run.serverMain = "io.mcpaudit.smoke.clash.ClashServer";
    run.clientProperties.add("-Dsample.extraTools=library_check");
    return run;
  }
}

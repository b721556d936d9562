package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent loaded into a server that is already running and has served requests (the JDK attach API,
 * as {@code jcmd <pid> JVMTI.agent_load} does): the SDK and framework classes it needs are already loaded,
 * so they are retransformed, and every request from then on is audited like with {@code -javaagent}, HTTP
 * identity included (on Spring WebFlux too: the dispatcher that carries it is retransformed like the rest).
 */
class LateAttachTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"SDK_2_1,streamable", "MICRONAUT,stateless", "SPRING_AI_WEBFLUX,streamable"})
  void attachingToARunningServerAuditsEveryLaterRequest(SampleApp app, String transport) throws Exception {
    Path auditFile = dir.resolve("audit.jsonl");
    String clientClassPath = app.client().classPath();
    try (JvmProcess server = JvmProcess.start(dir, "server", List.of(), app.classPath(), app.serverMain, transport, "0")) {
      String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
      List<String> before = runClient(clientClassPath, transport, port, "before");

      VirtualMachine vm = VirtualMachine.attach(String.valueOf(server.pid()));
      try {
        vm.loadAgent(SampleApp.agentJar().toString(), "file.path=" + auditFile + ";server.id=smoke");
      } finally {
        vm.detach();
      }
      List<String> after = runClient(clientClassPath, transport, port, "after");

      assertThat(after).as("what the client received").isEqualTo(before);
      server.stop();
      assertThat(server.stderr()).contains("[mcp-audit] INFO mcp-audit")
          .doesNotContain("[mcp-audit] WARN").doesNotContain("[mcp-audit] ERROR");
    }

    AuditFile audit = AuditFile.awaitStopped(auditFile, () -> "");
    assertThat(audit.activities()).as(audit.raw).hasSize(11); // the second client's messages only
    JsonNode echo = audit.toolCall("echo");
    assertThat(echo.at("/outcome/status").asText()).isEqualTo("success");
    assertThat(echo.path("correlation_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(echo.at("/identity/user_agent").asText()).startsWith("Java-http-client/");
    assertThat(echo.at("/identity/source_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(audit.toolCall("fail").at("/outcome/status").asText()).isEqualTo("tool_error");
    assertThat(audit.activities("initialize").get(0).at("/identity/client_name").asText()).isEqualTo("sample-client");
  }

  private List<String> runClient(String classPath, String transport, String port, String name) throws Exception {
    Path transcript = dir.resolve(name + ".txt");
    // without boom, whose error response the SDK's HTTP transports sometimes break (see SampleClient)
    try (JvmProcess client = JvmProcess.start(dir, name, List.of("-Dsample.boom=false"), classPath, SampleApp.CLIENT,
        transport, port, transcript.toString())) {
      assertThat(client.awaitExit(Scenario.CLIENT)).as(client.tails()).isZero();
    }
    return Files.readAllLines(transcript, StandardCharsets.UTF_8);
  }
}

package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a security review of the agent found, pinned on real servers (SDK 2.1.0, with the agent in its own
 * JVM): exception messages and resource URIs that carry secrets, client-forged forwarding chains, application
 * code that tries to tap or replace the audit path, and a sink that blocks the exit.
 */
class HardeningTest {
  private static final String[] PLANTED = {"4111111111111111", "alice@example.com", "sk_live_51H8d2kLmN0pQrStUvWxYz"};
  private static final String RESOURCE = "sample://alice:pa55w0rd@hello/x?access_token=tok-123456&page=2#frag-secret";

  /** One run per engine: the session engine (stdio), Streamable HTTP and stateless HTTP. */
  @ParameterizedTest
  @ValueSource(strings = {"stdio", "streamable", "stateless"})
  void whatAToolsErrorsAndAResourceUriCarryNeverReachesTheTrail(String transport) throws Exception {
    Scenario run = new Scenario(SampleApp.SDK_2_1, transport, true);
    run.serverProperties.add("-Dsample.probes=true");
    run.clientProperties.add("-Dsample.extraTools=leak_exception,leak_invalid");
    run.clientProperties.add("-Dsample.extraResources=" + RESOURCE);
    run.run();

    // the client was told (the application's choice); the trail was not
    assertThat(String.join("\n", run.transcript)).contains(PLANTED[0]);
    AuditFile audit = run.audit();
    for (String planted : PLANTED) {
      assertThat(audit.raw).doesNotContain(planted);
      assertThat(run.serverStderr.lines().filter(l -> l.startsWith("[mcp-audit]"))).noneMatch(l -> l.contains(planted));
    }
    assertThat(audit.raw).doesNotContain("pa55w0rd").doesNotContain("tok-123456").doesNotContain("frag-secret");

    JsonNode exception = audit.toolCall("leak_exception");
    assertThat(exception.at("/outcome/status").asText()).isEqualTo("failure");
    assertThat(exception.at("/outcome/error_code").asInt()).isEqualTo(-32603);
    assertThat(exception.at("/outcome/error_message").isMissingNode()).as("an internal error's message").isTrue();

    JsonNode invalid = audit.toolCall("leak_invalid");
    assertThat(invalid.at("/outcome/error_code").asInt()).isEqualTo(-32602);
    assertThat(invalid.at("/outcome/error_message").asText()).isEqualTo(
        "invalid customer: card [REDACTED:payment_card] of [REDACTED:email], key [REDACTED:stripe_key]");

    JsonNode read = audit.activities("resources/read").stream()
        .filter(e -> !e.at("/activity/resource_uri").asText().equals("sample://hello")).findFirst().orElseThrow();
    assertThat(read.at("/activity/resource_uri").asText()).isEqualTo("sample://hello/x?access_token=&page=");
    assertThat(read.at("/outcome/error_code").asInt()).isEqualTo(-32002);
    assertThat(run.agentProblems()).isEmpty();
  }

  /**
   * Behind a trusted proxy, the client forged 16 hops in the first X-Forwarded-For line and a Forwarded
   * header the proxy does not manage; the proxy's own line, last, names the real address.
   */
  @Test
  void aForgedForwardingChainDoesNotNameTheSource() throws Exception {
    Scenario run = new Scenario(SampleApp.SDK_2_1, "streamable", true);
    run.agentProperties.add("-Dmcp.audit.identity.trusted_proxies=127.0.0.0/8");
    run.clientProperties.add("-Dsample.forgedForwarding=true");
    run.run();
    AuditFile audit = run.audit();
    assertThat(audit.activities()).isNotEmpty().allSatisfy(e -> {
      assertThat(e.at("/identity/source_ip").asText()).isEqualTo("203.0.113.7");
      assertThat(e.at("/identity/forwarded_for").toString()).isEqualTo("[\"203.0.113.7\"]");
    });
    assertThat(audit.raw).doesNotContain("6.6.6.");
  }

  /**
   * Application code on the class path tries to connect its own sink, get the credential reader, find the token, and
   * load the agent's pipeline or integrity chain classes (with their keys) by name.
   */
  @Test
  void applicationCodeCannotTapOrReplaceTheAuditPath() throws Exception {
    Scenario run = new Scenario(SampleApp.SDK_2_1, "streamable", true);
    run.serverProperties.add("-Dsample.probes=true");
    run.clientProperties.add("-Dsample.extraTools=bridge_probe");
    run.run();

    String answer = run.transcript.stream().filter(l -> l.startsWith("tools/call bridge_probe ")).findFirst().orElseThrow();
    assertThat(answer).contains("install=false reader=null public_credential_members=0 agent_classes=hidden");
    AuditFile audit = run.audit();
    // the audit path is unchanged: every call, the probe and the ones after it, is in the file
    assertThat(audit.toolCall("bridge_probe").at("/outcome/status").asText()).isEqualTo("success");
    assertThat(audit.toolCall("boom")).isNotNull();
    assertThat(audit.last().at("/lifecycle/counters/bridge_calls_refused").asLong()).isEqualTo(2);
    assertThat(audit.last().at("/lifecycle/counters/events_written").asLong()).isEqualTo(audit.activities().size());
    assertThat(run.serverStderr).contains("refused a call to AuditBridge.install from outside the agent");
  }

  /**
   * The audit file is a named pipe whose reader never reads: the exporter blocks in its write. SIGTERM must
   * still end the JVM within the documented bound (2 s for requests in flight, then the shutdown timeout).
   */
  @Test
  void aSinkStuckInAWriteCannotHoldUpTheExit() throws Exception {
    Path dir = Path.of(System.getProperty("smoke.work"), "stuck-sink-" + System.nanoTime());
    Files.createDirectories(dir);
    Path fifo = dir.resolve("audit.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
    CompletableFuture<InputStream> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return new FileInputStream(fifo.toFile()); // opened, never read
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    List<String> jvm = List.of("-javaagent:" + SampleApp.agentJar(), "-Dmcp.audit.file.path=" + fifo,
        "-Dmcp.audit.shutdown.timeout_ms=2000");
    try (JvmProcess server = JvmProcess.start(dir, "server", jvm, SampleApp.SDK_2_1.classPath(), SampleApp.SERVER,
        "streamable", "0")) {
      String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
      Path transcript = dir.resolve("transcript.txt");
      try (JvmProcess client = JvmProcess.start(dir, "client", List.of("-Dsample.calls=300"),
          SampleApp.SDK_2_1.client().classPath(), SampleApp.CLIENT, "streamable", port, transcript.toString())) {
        assertThat(client.awaitExit(Scenario.CLIENT)).as(client.tails()).isZero();
      }
      long begin = System.nanoTime();
      server.stop();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
      assertThat(tookMillis).as("exit after SIGTERM").isLessThan(9_000);
      assertThat(server.stderr()).contains("did not stop within 2000 ms; the stop event cannot be written");
    } finally {
      reader.get(10, TimeUnit.SECONDS).close();
    }
  }
}

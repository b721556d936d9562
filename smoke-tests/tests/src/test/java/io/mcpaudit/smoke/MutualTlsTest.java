package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS connector that requires client certificates, with a server and a client certificate made
 * for this test by the JDK's keytool: every event names the certificate's subject and SPIFFE ID.
 */
class MutualTlsTest {
  private static final String CLIENT_DN = "CN=agent-gateway.internal,O=Example";
  private static final String SPIFFE_ID = "spiffe://prod/ns/agents/sa/frontend";

  @TempDir
  Path pki;

  @Test
  void clientCertificateIdentityIsRecorded() throws Exception {
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-keystore", "server.p12");
    keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", CLIENT_DN, "-ext", "san=uri:" + SPIFFE_ID, "-keystore", "client.p12");
    keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.cer");
    keytool("-exportcert", "-alias", "client", "-keystore", "client.p12", "-file", "client.cer");
    keytool("-importcert", "-noprompt", "-alias", "client", "-file", "client.cer", "-keystore", "server-trust.p12");
    keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.cer", "-keystore", "client-trust.p12");

    Scenario run = new Scenario(SampleApp.SDK_2_1, "streamable", true);
    run.serverProperties.add("-Dsample.tls.keystore=" + pki.resolve("server.p12"));
    run.serverProperties.add("-Dsample.tls.truststore=" + pki.resolve("server-trust.p12"));
    run.clientProperties.add("-Dsample.tls.keystore=" + pki.resolve("client.p12"));
    run.clientProperties.add("-Dsample.tls.truststore=" + pki.resolve("client-trust.p12"));
    run.run();

    AuditFile audit = run.audit();
    assertThat(audit.activities()).hasSize(12);
    for (JsonNode e : audit.activities()) {
      assertThat(e.at("/identity/mtls_subject").asText()).isEqualTo(CLIENT_DN);
      assertThat(e.at("/identity/spiffe_id").asText()).isEqualTo(SPIFFE_ID);
    }
    assertThat(run.agentProblems()).isEmpty();
  }

  private void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", "changeit"));
    Process process = new ProcessBuilder(command).directory(pki.toFile()).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    assertThat(Files.list(pki)).isNotEmpty();
  }
}

package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tamper evidence end to end: a real server JVM with the agent writes a keyed, signed, rotated trail across a clean
 * stop, a kill -9 and a restart; {@code java -jar mcp-audit-agent.jar verify} says it is intact, and names the line
 * for each kind of tampering applied to a copy of it.
 */
class IntegrityTest {
  private static final String KEY = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32));
  private static Path work;
  private static Path trail;
  private static Path keyFile;
  private static Path publicKey;
  private static Path strangerKey;

  private static Path dir(String name) throws Exception {
    return Files.createDirectories(work.resolve(name));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static JvmProcess server(Path dir, String name, Path file, Path signing) throws Exception {
    List<String> jvm = List.of("-javaagent:" + SampleApp.agentJar(), "-Dmcp.audit.file.path=" + file,
        "-Dmcp.audit.integrity.key_file=" + keyFile, "-Dmcp.audit.integrity.key_id=smoke-1",
        "-Dmcp.audit.integrity.signing_key_file=" + signing, "-Dmcp.audit.integrity.checkpoint.events=3",
        "-Dmcp.audit.file.max_bytes=8000", "-Dmcp.audit.stats.interval=0");
    return JvmProcess.start(dir, name, jvm, SampleApp.SDK_2_1.classPath(), SampleApp.SERVER, "streamable", "0");
  }

  private static void client(Path dir, String name, String port) throws Exception {
    try (JvmProcess client = JvmProcess.start(dir, name, List.of("-Dsample.boom=false"),
        SampleApp.SDK_2_1.client().classPath(), SampleApp.CLIENT, "streamable", port, dir.resolve(name + ".txt").toString())) {
      assertThat(client.awaitExit(Scenario.CLIENT)).as(client.tails()).isZero();
    }
  }

  @BeforeAll
  static void writeATrail() throws Exception {
    work = Files.createDirectories(Path.of(System.getProperty("smoke.work"), "integrity-" + System.nanoTime()));
    keyFile = Files.writeString(work.resolve("chain.key"), KEY + "\n");
    KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path signing = Files.writeString(work.resolve("signing.pem"), pem("PRIVATE KEY", signer.getPrivate().getEncoded()));
    publicKey = Files.writeString(work.resolve("signing.pub.pem"), pem("PUBLIC KEY", signer.getPublic().getEncoded()));
    KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    strangerKey = Files.writeString(work.resolve("stranger.pub.pem"), pem("PUBLIC KEY", stranger.getPublic().getEncoded()));
    Path dir = dir("trail");
    trail = dir.resolve("audit.jsonl");

    try (JvmProcess first = server(dir, "first", trail, signing)) { // a clean stop
      client(dir, "client-1", first.awaitLine("LISTENING (\\d+)", Scenario.START));
      first.stop();
    }
    AuditFile.awaitStopped(trail, () -> "");
    try (JvmProcess second = server(dir, "second", trail, signing)) { // killed
      client(dir, "client-2", second.awaitLine("LISTENING (\\d+)", Scenario.START));
      Thread.sleep(1_000); // written out at the end of the batch
      ProcessHandle handle = ProcessHandle.of(second.pid()).orElseThrow();
      handle.destroyForcibly(); // SIGKILL: no shutdown hook, no stop event, no final checkpoint
      handle.onExit().get();
    }
    try (JvmProcess third = server(dir, "third", trail, signing)) { // restarted, stopped cleanly
      client(dir, "client-3", third.awaitLine("LISTENING (\\d+)", Scenario.START));
      third.stop();
    }
    AuditFile.awaitStopped(trail, () -> "");
  }

  /** The trail's files, copied to {@code name} for tampering. */
  private static List<Path> copy(String name) throws Exception {
    Path to = dir(name);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(trail.getParent())) {
      for (Path f : list.filter(f -> f.getFileName().toString().matches("audit.*\\.jsonl")).sorted().toList()) {
        files.add(Files.copy(f, to.resolve(f.getFileName())));
      }
    }
    return files;
  }

  private static AuditFile.Verdict verify(List<Path> files, String... options) throws Exception {
    List<String> all = new ArrayList<>(List.of("--key-file", keyFile.toString(), "--public-key", publicKey.toString()));
    all.addAll(List.of(options));
    return AuditFile.verify(all, files.toArray(Path[]::new));
  }

  private static Path current(List<Path> files) {
    return files.stream().filter(f -> f.getFileName().toString().equals("audit.jsonl")).findFirst().orElseThrow();
  }

  private static void assertNamed(AuditFile.Verdict verdict, String kind, Path file, int line) {
    assertThat(verdict.exitCode()).as(verdict.output()).isEqualTo(1);
    JsonNode problem = verdict.problem();
    assertThat(problem.path("kind").asText()).as(verdict.output()).isEqualTo(kind);
    assertThat(problem.path("file").asText()).as(verdict.output()).isEqualTo(file.toString());
    assertThat(problem.path("line").asInt()).as(verdict.output()).isEqualTo(line);
  }

  @Test
  void theTrailAcrossAStopAKillARestartAndRotationsIsIntact() throws Exception {
    List<Path> files = copy("intact");
    assertThat(files).as("rotated files and the current one").hasSizeGreaterThanOrEqualTo(3);
    Collections.reverse(files); // any order
    AuditFile.Verdict verdict = verify(files);
    assertThat(verdict.exitCode()).as(verdict.output()).isZero();
    assertThat(verdict.status()).isEqualTo("intact");
    assertThat(verdict.report().path("chains").asInt()).isEqualTo(3);
    String findings = verdict.report().path("findings").toString();
    assertThat(findings).contains("after a clean stop").contains("without a clean stop");
    String all = String.join("", Files.readAllLines(current(files)));
    assertThat(all).contains("\"key_id\":\"smoke-1\"").contains("\"signature\":\"ed25519:").doesNotContain(KEY);
  }

  @Test
  void aChangedValueIsNamed() throws Exception {
    List<Path> files = copy("modified");
    Located found = locate(files, "\"tool_name\":\"echo\"");
    Path file = found.file();
    List<String> lines = found.lines();
    int at = found.index();
    lines.set(at, lines.get(at).replace("\"tool_name\":\"echo\"", "\"tool_name\":\"echx\""));
    Files.write(file, lines);
    assertNamed(verify(files), "modified", file, at + 1);
  }

  @Test
  void anInsertedLineIsNamed() throws Exception {
    List<Path> files = copy("inserted");
    Located found = locate(files, "\"mcp_activity\"");
    Path file = found.file();
    List<String> lines = found.lines();
    int at = found.index();
    lines.add(at + 3, lines.get(at).replace("\"event_id\":\"", "\"event_id\":\"f"));
    Files.write(file, lines);
    assertNamed(verify(files), "inserted", file, at + 4);
  }

  @Test
  void aDeletedLineIsNamed() throws Exception {
    List<Path> files = copy("deleted");
    Located found = locate(files, "\"mcp_activity\"");
    Path file = found.file();
    List<String> lines = found.lines();
    int at = found.index();
    lines.remove(at);
    Files.write(file, lines);
    assertNamed(verify(files), "deleted", file, at + 1);
  }

  @Test
  void swappedLinesAreNamed() throws Exception {
    List<Path> files = copy("swapped");
    Located found = locate(files, "\"mcp_activity\"");
    Path file = found.file();
    List<String> lines = found.lines();
    int at = found.index();
    Collections.swap(lines, at, at + 1);
    Files.write(file, lines);
    assertNamed(verify(files), "reordered", file, at + 2);
  }

  @Test
  void aCutTailIsIncomplete() throws Exception {
    List<Path> files = copy("truncated");
    Path file = current(files);
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, lines.size() - 3));
    AuditFile.Verdict verdict = verify(files);
    assertThat(verdict.status()).as(verdict.output()).isEqualTo("incomplete");
    assertNamed(verdict, "truncated", file, lines.size() - 3);
  }

  @Test
  void aFileEndingBeforeAnAnchoredCheckpointIsTruncated() throws Exception {
    List<Path> files = copy("anchored");
    Path file = current(files);
    List<String> lines = Files.readAllLines(file);
    int checkpoint = lastIndexOf(lines, "\"integrity_checkpoint\"");
    Path anchor = Files.writeString(file.resolveSibling("siem-copy.checkpoints"), lines.get(checkpoint) + "\n");
    Files.write(file, lines.subList(0, checkpoint - 2));
    AuditFile.Verdict verdict = verify(files, "--anchor", anchor.toString());
    assertThat(verdict.exitCode()).isEqualTo(1);
    assertThat(verdict.report().path("findings").toString()).contains("before the anchored checkpoint");
  }

  @Test
  void aRemovedCheckpointIsADeletion() throws Exception {
    List<Path> files = copy("no-checkpoint");
    Located found = locate(files, "\"reason\":\"events\""); // one in mid-chain (removing a chain's last line is a cut)
    Path file = found.file();
    List<String> lines = found.lines();
    int at = found.index();
    lines.remove(at);
    Files.write(file, lines);
    assertNamed(verify(files), "deleted", file, at + 1);
  }

  @Test
  void aWrongPublicKeyIsReSigned() throws Exception {
    List<Path> files = copy("wrong-public-key");
    AuditFile.Verdict verdict = AuditFile.verify(List.of("--key-file", keyFile.toString(), "--public-key",
        strangerKey.toString()), files.toArray(Path[]::new));
    assertThat(verdict.exitCode()).isEqualTo(1);
    assertThat(verdict.problem().path("kind").asText()).isEqualTo("resigned");
  }

  /**
   * Someone rewrites the current file under a key of their own, following the documented canonical form (so this
   * also proves the form can be re-implemented from the docs): with the real key, {@code verify} says re-keyed.
   */
  @Test
  void aChainRewrittenWithAnotherKeyIsReKeyed() throws Exception {
    List<Path> files = copy("rekeyed");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("not the real key, 32 bytes long!".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    for (Path file : files) {
      List<String> rewritten = new ArrayList<>();
      String previousHash = null;
      for (String line : Files.readAllLines(file)) {
        int prevAt = line.lastIndexOf(",\"prev_hash\":\"") + ",\"prev_hash\":\"".length();
        int prevEnd = line.indexOf('"', prevAt);
        String relinked = previousHash == null ? line : line.substring(0, prevAt) + previousHash + line.substring(prevEnd);
        int hashAt = relinked.lastIndexOf(",\"hash\":\"");
        String canonical = relinked.substring(0, hashAt) + "}}";
        previousHash = "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        rewritten.add(relinked.substring(0, hashAt) + ",\"hash\":\"" + previousHash + "\"}}");
      }
      Files.write(file, rewritten);
    }
    AuditFile.Verdict verdict = verify(files);
    assertThat(verdict.exitCode()).isEqualTo(1);
    assertThat(verdict.report().path("findings").toString()).as(verdict.output()).contains("\"kind\":\"rekeyed\"");

    // and without the key, a keyed trail cannot be checked at all
    assertThat(AuditFile.verify(List.of(), files.toArray(Path[]::new)).exitCode()).isEqualTo(2);
  }

  private record Located(Path file, List<String> lines, int index) {}

  /** A line with {@code text} that has lines after it (and one before), in the current file or else a rotated one. */
  private static Located locate(List<Path> files, String text) throws Exception {
    List<Path> order = new ArrayList<>(files);
    order.remove(current(files));
    order.add(0, current(files));
    for (Path file : order) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 1; i + 1 < lines.size(); i++) {
        if (lines.get(i).contains(text)) {
          return new Located(file, lines, i);
        }
      }
    }
    throw new AssertionError("no line with " + text);
  }

  private static int lastIndexOf(List<String> lines, String text) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line with " + text);
  }
}

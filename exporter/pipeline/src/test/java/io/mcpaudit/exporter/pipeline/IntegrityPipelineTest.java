package io.mcpaudit.exporter.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.exporter.integrity.IntegritySettings;
import io.mcpaudit.exporter.integrity.verify.Finding;
import io.mcpaudit.exporter.integrity.verify.Verifier;
import io.mcpaudit.exporter.integrity.verify.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain as the real pipeline writes it: checkpoints, restarts, rotation, keys. */
class IntegrityPipelineTest {
  @TempDir
  Path dir;

  private AuditPipeline start(IntegritySettings integrity, long maxBytes) throws Exception {
    return AuditPipeline.start(PipelineSettings.builder()
        .filePath(dir.resolve("audit.jsonl"))
        .exporterValue("mcp.audit.file.max_bytes", String.valueOf(maxBytes))
        .serverId("integrity-test")
        .agentVersion("test")
        .statsIntervalMillis(0)
        .integrity(integrity)
        .build());
  }

  /** In bursts of 50 with pauses, so batches end (rotation happens at the end of a batch) as under real traffic. */
  private static void run(AuditPipeline pipeline, int calls) throws Exception {
    for (int i = 0; i < calls; i++) {
      while (!pipeline.accept(Calls.toolCall(Calls.result(Map.of()), null))) {
        Thread.onSpinWait();
      }
      if (i % 50 == 49) {
        Thread.sleep(30);
      }
    }
    pipeline.close();
  }

  private VerifyResult verify(List<byte[]> keys, List<java.security.PublicKey> publicKeys) throws Exception {
    Verifier verifier = new Verifier(keys, publicKeys);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        verifier.read(file);
      }
    }
    return verifier.finish();
  }

  @Test
  void restartsAndRotationsVerifyAsOneIntactTrail() throws Exception {
    IntegritySettings settings = new IntegritySettings(true, null, null, 100, 60_000, null, null);
    run(start(settings, 64 * 1024), 500);
    run(start(settings, 64 * 1024), 300);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("audit-")).count())
          .as("rotated files").isGreaterThanOrEqualTo(3);
    }
    List<Map<String, Object>> current = Json.readLines(dir.resolve("audit.jsonl"));
    assertThat(Json.get(current.get(0), "lifecycle", "phase")).isEqualTo("rotated");
    assertThat((String) Json.get(current.get(0), "lifecycle", "previous_file")).startsWith("audit-");
    VerifyResult result = verify(List.of(), List.of());
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    assertThat(result.chains()).isEqualTo(2);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.RESTART));
    assertThat(result.checkpoints()).isGreaterThanOrEqualTo(8); // every 100 lines, each rotation, each stop
  }

  @Test
  void aKeyedSignedTrailVerifiesOnlyWithItsKeys() throws Exception {
    byte[] key = "an hmac key of thirty-two bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String fingerprint = io.mcpaudit.exporter.integrity.Ed25519.fingerprint(signer.getPublic());
    run(start(new IntegritySettings(true, key, "k-2026", 50, 60_000, signer.getPrivate(), fingerprint), 0), 120);
    List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
    assertThat(lines.get(0)).contains("\"key_id\":\"k-2026\",\"hash\":\"hmac-sha256:")
        .contains("\"integrity.in_force\":\"hmac-sha256 key_id=k-2026 signed=" + fingerprint + "\"");
    // the documented fingerprint: sha256: and the first 32 hex digits of the SHA-256 of the public key's DER form
    String documented = "sha256:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(signer.getPublic().getEncoded()), 0, 16);
    assertThat(lines.get(lines.size() - 1)).contains("\"public_key_fingerprint\":\"" + documented + "\"");
    assertThat(verify(List.of(key), List.of(signer.getPublic())).status()).isEqualTo("intact");
    assertThat(verify(List.of(), List.of()).exitCode()).as("keyed, but no key given").isEqualTo(2);
    KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    assertThat(verify(List.of(key), List.of(stranger.getPublic())).firstProblem().kind())
        .isEqualTo(Finding.Kind.RESIGNED);
  }

  @Test
  void integrityOffWritesUnsealedLines() throws Exception {
    run(start(IntegritySettings.off(), 0), 3);
    List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
    assertThat(lines).hasSize(5).noneMatch(l -> l.contains("\"integrity\""));
  }
}

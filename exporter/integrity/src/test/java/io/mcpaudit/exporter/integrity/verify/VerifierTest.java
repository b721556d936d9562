package io.mcpaudit.exporter.integrity.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.exporter.integrity.PreviousChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier over trails written as the exporter writes them, intact and with each kind of tampering. */
class VerifierTest {
  @TempDir Path dir;

  private static Trail clean() throws Exception {
    return new Trail(null, null, null, 10, null).start(null).gaps(25).stop();
  }

  private VerifyResult verify(List<byte[]> keys, List<java.security.PublicKey> publicKeys, Path... files)
      throws Exception {
    Verifier verifier = new Verifier(keys, publicKeys);
    for (Path file : files) {
      verifier.read(file);
    }
    return verifier.finish();
  }

  private VerifyResult verify(Path... files) throws Exception {
    return verify(List.of(), List.of(), files);
  }

  @Test
  void anIntactTrailVerifies() throws Exception {
    Trail trail = clean();
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    assertThat(result.exitCode()).isZero();
    assertThat(result.lines()).isEqualTo(trail.lines.size());
    assertThat(result.checkpoints()).isEqualTo(3); // after 10 and 20 lines, and the final one
    assertThat(trail.lines.get(0)).contains(",\"integrity\":{\"chain_id\":\"" + trail.chainId() + "\",\"seq\":1,"
        + "\"prev_hash\":\"sha256:" + "0".repeat(64) + "\",\"hash\":\"sha256:");
  }

  @Test
  void aChangedValueIsModified() throws Exception {
    Trail trail = clean();
    trail.lines.set(7, trail.lines.get(7).replace("\"dropped\":7", "\"dropped\":0"));
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.MODIFIED);
    assertThat(result.firstProblem().line()).isEqualTo(8);
  }

  @Test
  void aDeletedLineIsFoundAndTheLineAfterTheHoleNamed() throws Exception {
    Trail trail = clean();
    trail.lines.remove(5);
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.DELETED);
    assertThat(result.firstProblem().line()).isEqualTo(6);
    assertThat(result.firstProblem().seq()).isEqualTo(7);
  }

  @Test
  void aCopiedLineInsertedIsFound() throws Exception {
    Trail trail = clean();
    trail.lines.add(9, trail.lines.get(3).replace("\"dropped\":3", "\"dropped\":30"));
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> {
      assertThat(f.kind()).isIn(Finding.Kind.INSERTED, Finding.Kind.MODIFIED);
      assertThat(f.line()).isEqualTo(10);
    });
  }

  @Test
  void anUnsealedLineInsertedIsFound() throws Exception {
    Trail trail = clean();
    trail.lines.add(4, "{\"event_type\":\"mcp_activity\",\"event_id\":\"forged\"}");
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.UNSEALED);
    assertThat(result.firstProblem().line()).isEqualTo(5);
  }

  @Test
  void swappedLinesAreReordered() throws Exception {
    Trail trail = clean();
    Collections.swap(trail.lines, 4, 5);
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.REORDERED);
    assertThat(result.firstProblem().line()).isEqualTo(6);
  }

  @Test
  void aCutTailIsIncompleteAndSoIsARunningTrail() throws Exception {
    Trail trail = clean();
    List<String> cut = new ArrayList<>(trail.lines.subList(0, 15));
    Files.write(dir.resolve("a.jsonl"), cut);
    VerifyResult result = verify(dir.resolve("a.jsonl"));
    assertThat(result.status()).isEqualTo("incomplete");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.TRUNCATED);
    assertThat(result.firstProblem().line()).isEqualTo(15);
  }

  @Test
  void anAnchorBeyondTheEndIsTruncated() throws Exception {
    Trail trail = clean();
    String secondCheckpoint = trail.lines.stream().filter(l -> l.contains("integrity_checkpoint")).skip(1).findFirst()
        .orElseThrow();
    Files.writeString(dir.resolve("anchor.jsonl"), secondCheckpoint + "\n");
    int at = trail.lines.indexOf(secondCheckpoint);
    Files.write(dir.resolve("a.jsonl"), trail.lines.subList(0, at - 3));
    Verifier verifier = new Verifier(List.of(), List.of());
    verifier.addAnchors(dir.resolve("anchor.jsonl"));
    verifier.read(dir.resolve("a.jsonl"));
    VerifyResult result = verifier.finish();
    assertThat(result.findings()).anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.TRUNCATED);
      assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
      assertThat(f.message()).contains("before the anchored checkpoint");
    });
  }

  @Test
  void aRemovedCheckpointIsADeletion() throws Exception {
    Trail trail = clean();
    int at = trail.lines.indexOf(trail.lines.stream().filter(l -> l.contains("integrity_checkpoint")).findFirst().orElseThrow());
    trail.lines.remove(at);
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.DELETED);
    assertThat(result.firstProblem().line()).isEqualTo(at + 1);
  }

  @Test
  void hmacNeedsTheRightKeyAndAnotherKeysChainIsRekeyed() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    byte[] other = "another key, 32 bytes long......".getBytes(StandardCharsets.US_ASCII);
    Path real = new Trail(key, "k1", null, 10, null).start(null).gaps(12).stop().write(dir.resolve("real.jsonl"));
    assertThat(verify(List.of(key), List.of(), real).status()).isEqualTo("intact");
    assertThat(verify(List.of(other, key), List.of(), real).status()).as("keys are tried in turn").isEqualTo("intact");
    VerifyResult noKey = verify(real);
    assertThat(noKey.exitCode()).isEqualTo(2);

    Path forged = new Trail(other, "k1", null, 10, null).start(null).gaps(12).stop().write(dir.resolve("forged.jsonl"));
    VerifyResult result = verify(List.of(key), List.of(), forged);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.REKEYED));
  }

  @Test
  void signaturesVerifyWithTheRightPublicKeyOnly() throws Exception {
    KeyPair signer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path file = new Trail(null, null, signer.getPrivate(), 10, null).start(null).gaps(12).stop()
        .write(dir.resolve("signed.jsonl"));
    assertThat(verify(List.of(), List.of(signer.getPublic()), file).status()).isEqualTo("intact");
    VerifyResult wrong = verify(List.of(), List.of(stranger.getPublic()), file);
    assertThat(wrong.firstProblem().kind()).isEqualTo(Finding.Kind.RESIGNED);
    Path unsigned = clean().write(dir.resolve("unsigned.jsonl"));
    assertThat(verify(List.of(), List.of(signer.getPublic()), unsigned).firstProblem().kind())
        .isEqualTo(Finding.Kind.RESIGNED);
  }

  @Test
  void aRestartContinuesThePreviousChainAndFilesMayComeInAnyOrder() throws Exception {
    Trail first = clean();
    Path a = first.write(dir.resolve("a.jsonl"));
    PreviousChain previous = PreviousChain.read(a);
    assertThat(previous.chainId()).isEqualTo(first.chainId());
    assertThat(previous.cleanStop()).isTrue();
    assertThat(previous.lastHash()).isEqualTo(first.headHash());
    Trail second = new Trail(null, null, null, 10, previous.lastHash()).start(previous.describe()).gaps(3).stop();
    Path b = second.write(dir.resolve("b.jsonl"));
    VerifyResult result = verify(b, a);
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.RESTART));
    assertThat(verify(b).findings()).as("the older file not given").anySatisfy(f -> {
      assertThat(f.kind()).isEqualTo(Finding.Kind.PARTIAL);
      assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
    });
  }

  @Test
  void aKilledRunVouchedForByTheNextStartIsARestartNotTampering() throws Exception {
    Trail killed = new Trail(null, null, null, 10, null).start(null).gaps(4);
    Path a = killed.write(dir.resolve("a.jsonl"));
    PreviousChain previous = PreviousChain.read(a);
    assertThat(previous.cleanStop()).isFalse();
    assertThat(previous.lastSeq()).isEqualTo(killed.seq());
    Trail next = new Trail(null, null, null, 10, previous.lastHash()).start(previous.describe()).gaps(2).stop();
    Path b = next.write(dir.resolve("b.jsonl"));
    VerifyResult result = verify(a, b);
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.message()).contains("without a clean stop"));

    List<String> cut = new ArrayList<>(killed.lines.subList(0, killed.lines.size() - 2));
    Files.write(a, cut);
    VerifyResult truncated = verify(a, b);
    assertThat(truncated.firstProblem().kind()).isEqualTo(Finding.Kind.TRUNCATED);
    assertThat(truncated.firstProblem().severity()).isEqualTo(Finding.Severity.ERROR);
  }

  @Test
  void aWholeRunRemovedBetweenTwoOthersIsADeletion() throws Exception {
    Path a = clean().write(dir.resolve("a.jsonl"));
    PreviousChain pa = PreviousChain.read(a);
    Path b = new Trail(null, null, null, 10, pa.lastHash()).start(pa.describe()).gaps(2).stop()
        .write(dir.resolve("b.jsonl"));
    PreviousChain pb = PreviousChain.read(b);
    Path c = new Trail(null, null, null, 10, pb.lastHash()).start(pb.describe()).gaps(2).stop()
        .write(dir.resolve("c.jsonl"));
    assertThat(verify(a, b, c).status()).isEqualTo("intact");
    VerifyResult result = verify(a, c);
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.DELETED);
  }

  @Test
  void linesASinkLostAndDocumentedAreAGapNotADeletion() throws Exception {
    Trail trail = new Trail(null, null, null, 0, null).start(null).gaps(3).lose(4).sinkLoss(4).gaps(2).stop();
    VerifyResult result = verify(trail.write(dir.resolve("a.jsonl")));
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    assertThat(result.findings()).anySatisfy(f -> assertThat(f.kind()).isEqualTo(Finding.Kind.GAP));

    Trail underReported = new Trail(null, null, null, 0, null).start(null).gaps(3).lose(5).sinkLoss(4).gaps(2).stop();
    assertThat(verify(underReported.write(dir.resolve("b.jsonl"))).firstProblem().kind())
        .isEqualTo(Finding.Kind.DELETED);
  }

  @Test
  void theCommandSpeaksJsonAndUsesTheDocumentedExitCodes() throws Exception {
    Path file = clean().write(dir.resolve("a.jsonl"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(VerifyCommand.run(new String[] {"--json", file.toString()}, new PrintStream(out), new PrintStream(err)))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"status\":\"intact\",\"exit_code\":0,");
    assertThat(VerifyCommand.run(new String[] {"--bogus", file.toString()}, new PrintStream(out), new PrintStream(err)))
        .isEqualTo(2);
    assertThat(VerifyCommand.run(new String[] {dir.resolve("missing.jsonl").toString()}, new PrintStream(out),
        new PrintStream(err))).isEqualTo(2);
    ByteArrayOutputStream human = new ByteArrayOutputStream();
    List<String> lines = Files.readAllLines(file);
    lines.set(2, lines.get(2).replace("queue_full", "queue_fill"));
    Files.write(file, lines);
    assertThat(VerifyCommand.run(new String[] {file.toString()}, new PrintStream(human), new PrintStream(err)))
        .isEqualTo(1);
    assertThat(human.toString(StandardCharsets.UTF_8)).startsWith("mcp-audit verify: TAMPERED at " + file + ":3: modified:");
  }

  /** Re-seals lines {@code from..} of a trail in plain SHA-256, relinked: what someone without the key can do. */
  private static void resealWithoutKey(List<String> lines, int from) throws Exception {
    java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
    String previous = "sha256:" + "0".repeat(64); // a chain of its own from the start: the genesis value
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hashAt = line.lastIndexOf(",\"hash\":\"");
      if (i < from) {
        previous = line.substring(hashAt + 9, line.length() - 3);
        continue;
      }
      int prevAt = line.lastIndexOf(",\"prev_hash\":\"") + 14;
      String relinked = line.substring(0, prevAt) + previous + line.substring(line.indexOf('"', prevAt));
      hashAt = relinked.lastIndexOf(",\"hash\":\"");
      previous = "sha256:" + java.util.HexFormat.of().formatHex(
          sha.digest((relinked.substring(0, hashAt) + "}}").getBytes(StandardCharsets.UTF_8)));
      lines.set(i, relinked.substring(0, hashAt) + ",\"hash\":\"" + previous + "\"}}");
    }
  }

  @Test
  void aKeyedChainCannotBeContinuedOrReplacedInPlainSha256() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    Trail trail = new Trail(key, "k1", null, 10, null).start(null).gaps(12).stop();
    trail.lines.set(5, trail.lines.get(5).replace("\"dropped\":5", "\"dropped\":0"));
    resealWithoutKey(trail.lines, 5);
    VerifyResult downgraded = verify(List.of(key), List.of(), trail.write(dir.resolve("a.jsonl")));
    assertThat(downgraded.exitCode()).isEqualTo(1);
    assertThat(downgraded.firstProblem().kind()).isEqualTo(Finding.Kind.REKEYED);
    assertThat(downgraded.firstProblem().line()).isEqualTo(6);

    Trail whole = new Trail(key, "k1", null, 10, null).start(null).gaps(12).stop();
    resealWithoutKey(whole.lines, 0);
    VerifyResult replaced = verify(List.of(key), List.of(), whole.write(dir.resolve("b.jsonl")));
    assertThat(replaced.firstProblem().kind()).isEqualTo(Finding.Kind.REKEYED);
  }

  @Test
  void aLaterChainThatLostItsStartIsADeletionNotRetention() throws Exception {
    Trail first = clean();
    Path a = first.write(dir.resolve("a.jsonl"));
    PreviousChain previous = PreviousChain.read(a);
    Trail second = new Trail(null, null, null, 10, previous.lastHash()).start(previous.describe()).gaps(8).stop();
    List<String> both = new ArrayList<>(first.lines);
    both.addAll(second.lines.subList(4, second.lines.size())); // the second run's start and first lines removed
    Files.write(dir.resolve("a.jsonl"), both);
    VerifyResult result = verify(dir.resolve("a.jsonl"));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.DELETED);
    assertThat(result.firstProblem().line()).isEqualTo(first.lines.size() + 1);
  }

  @Test
  void anEmptyTrailProvesNothing() throws Exception {
    Files.write(dir.resolve("empty.jsonl"), new byte[0]);
    assertThat(verify(dir.resolve("empty.jsonl")).exitCode()).isEqualTo(1);
  }

  @Test
  void aLineRepeatedInPlaceIsInsertedEvenWhenAnotherCopyHoldsIt() throws Exception {
    Trail trail = clean();
    Path copy = trail.write(dir.resolve("copy.jsonl"));
    List<String> replayed = new ArrayList<>(trail.lines);
    replayed.add(6, replayed.get(5));
    Files.write(dir.resolve("a.jsonl"), replayed);
    VerifyResult result = verify(copy, dir.resolve("a.jsonl"));
    assertThat(result.firstProblem().kind()).isEqualTo(Finding.Kind.INSERTED);
    assertThat(result.firstProblem().line()).isEqualTo(7);
    assertThat(verify(copy, trail.write(dir.resolve("b.jsonl"))).status()).as("plain overlapping copies").isEqualTo("intact");
  }

  @Test
  void theFragmentACrashLeavesBeforeTheNextStartIsNotTampering() throws Exception {
    Trail killed = new Trail(null, null, null, 10, null).start(null).gaps(4);
    Path a = killed.write(dir.resolve("a.jsonl"));
    PreviousChain previous = PreviousChain.read(a);
    Trail next = new Trail(null, null, null, 10, previous.lastHash()).start(previous.describe()).gaps(2).stop();
    List<String> lines = new ArrayList<>(killed.lines);
    lines.add("{\"schema_version\":\"1\",\"event_type\":\"mcp_act"); // cut mid-write; the next run ended it
    lines.addAll(next.lines);
    Files.write(a, lines);
    VerifyResult result = verify(a);
    assertThat(result.status()).as(result.findings().toString()).isEqualTo("intact");
    lines.add(3, "{\"schema_version\":\"1\",\"event_type\":\"mcp_act");
    Files.write(a, lines);
    assertThat(verify(a).firstProblem().kind()).as("a fragment anywhere else").isEqualTo(Finding.Kind.UNSEALED);
  }

  @Test
  void bytesMustBeExactlyAsWritten() throws Exception {
    Trail trail = clean();
    List<String> lines = new ArrayList<>(trail.lines);
    int last = lines.size() - 1;
    String line = lines.get(last);
    lines.set(last, line.substring(0, line.length() - 10) + line.substring(line.length() - 10).toUpperCase());
    Files.write(dir.resolve("upper.jsonl"), lines);
    assertThat(verify(dir.resolve("upper.jsonl")).exitCode()).as("upper-case hex").isEqualTo(1);
    lines = new ArrayList<>(trail.lines);
    lines.set(3, lines.get(3) + " ");
    Files.write(dir.resolve("space.jsonl"), lines);
    assertThat(verify(dir.resolve("space.jsonl")).exitCode()).as("a trailing space").isEqualTo(1);
    lines = new ArrayList<>(trail.lines);
    lines.add(4, "");
    Files.write(dir.resolve("blank.jsonl"), lines);
    assertThat(verify(dir.resolve("blank.jsonl")).firstProblem().line()).as("an empty line").isEqualTo(5);
    Files.writeString(dir.resolve("crlf.jsonl"), String.join("\r\n", trail.lines) + "\r\n");
    assertThat(verify(dir.resolve("crlf.jsonl")).status()).as("a CRLF copy").isEqualTo("intact");
  }

  @Test
  void aNestedIntegrityObjectInsideTheEventDoesNotConfuseTheReader() throws Exception {
    String line = "{\"a\":{\"x\":1,\"integrity\":{\"chain_id\":\"fake\",\"seq\":9,\"prev_hash\":\"p\",\"hash\":\"h\"}},"
        + "\"integrity\":{\"chain_id\":\"real\",\"seq\":3,\"prev_hash\":\"sha256:" + "1".repeat(64) + "\",\"hash\":\"sha256:"
        + "2".repeat(64) + "\"}}";
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    io.mcpaudit.exporter.integrity.SealedLine sealed = io.mcpaudit.exporter.integrity.SealedLine.parse(bytes, 0, bytes.length);
    assertThat(sealed.chainId()).isEqualTo("real");
    assertThat(sealed.seq()).isEqualTo(3);
    assertThat(sealed.hash()).isEqualTo("sha256:" + "2".repeat(64));
    assertThat(line.substring(0, sealed.canonicalEnd())).endsWith("\"prev_hash\":\"sha256:" + "1".repeat(64) + "\"");
  }
}

package io.mcpaudit.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;

/**
 * When the chain gets an {@code integrity_checkpoint} line, and what it says: the span of lines since the previous
 * checkpoint (first and last sequence number), the hash of the last of them (the head), the previous checkpoint's
 * own hash, and, with a signing key, an Ed25519 signature over exactly those values ({@link #statement}). A copy
 * of the checkpoints kept elsewhere (they go to every exporter) anchors the local file: a trail cut short or
 * rewritten after a checkpoint that left the box no longer matches it.
 */
public final class Checkpoints {
  private final HashChain chain;
  private final long everyLines;
  private final long intervalNanos;
  private final PrivateKey signingKey;
  private final String fingerprint;
  private long firstSeq = 1;
  private long lastNanos;
  private String previousCheckpointHash;

  /**
   * @param everyLines a checkpoint after this many lines (0: never by count)
   * @param intervalMillis a checkpoint when lines have waited this long for one (0: never by time)
   * @param signingKey signs each checkpoint, or null
   */
  public Checkpoints(HashChain chain, long everyLines, long intervalMillis, PrivateKey signingKey, String fingerprint,
      long nowNanos) {
    this.chain = chain;
    this.everyLines = everyLines;
    this.intervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    this.signingKey = signingKey;
    this.fingerprint = fingerprint;
    this.lastNanos = nowNanos;
  }

  /** Lines sealed since the last checkpoint. */
  public long pending() {
    return chain.seq() - firstSeq + 1;
  }

  public boolean dueByCount() {
    return everyLines > 0 && pending() >= everyLines;
  }

  public boolean dueByTime(long nowNanos) {
    return intervalNanos > 0 && pending() > 0 && nowNanos - lastNanos >= intervalNanos;
  }

  /** The checkpoint over the lines since the last one; its line is then serialized, sealed and {@link #written}. */
  public Checkpoint next(String reason, boolean last) {
    long lastSeq = chain.seq();
    String head = chain.headHash();
    String signature = null;
    if (signingKey != null) {
      try {
        signature = "ed25519:" + Base64.getEncoder().encodeToString(
            Ed25519.sign(signingKey, statement(chain.chainId(), firstSeq, lastSeq, head, previousCheckpointHash, last)));
      } catch (GeneralSecurityException e) {
        signature = null; // cannot happen with a key that signed at start; an unsigned checkpoint still chains
      }
    }
    return new Checkpoint(chain.chainId(), firstSeq, lastSeq, head, previousCheckpointHash, chain.keyId(), reason,
        last, signature, signingKey == null ? null : fingerprint);
  }

  /** The checkpoint's own line was sealed with {@code seq} and {@code hash}: the next span starts after it. */
  public void written(long seq, String hash, long nowNanos) {
    firstSeq = seq + 1;
    previousCheckpointHash = hash;
    lastNanos = nowNanos;
  }

  /**
   * What a signature covers, as UTF-8: {@code mcp-audit checkpoint v1}, chain id, first seq, last seq, head hash,
   * previous checkpoint hash ({@code -} for none), {@code final} or {@code open}, each followed by a newline.
   */
  public static byte[] statement(String chainId, long firstSeq, long lastSeq, String headHash,
      String previousCheckpointHash, boolean last) {
    return ("mcp-audit checkpoint v1\n" + chainId + "\n" + firstSeq + "\n" + lastSeq + "\n" + headHash + "\n"
        + (previousCheckpointHash == null ? "-" : previousCheckpointHash) + "\n" + (last ? "final" : "open") + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The values of one checkpoint line. */
  public record Checkpoint(String chainId, long firstSeq, long lastSeq, String headHash, String previousCheckpointHash,
      String keyId, String reason, boolean last, String signature, String fingerprint) {}
}

package io.mcpaudit.exporter.integrity;

import io.mcpaudit.exporter.model.json.EventJson;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * The exporter thread's view of tamper evidence: seal each line as it is written ({@link #seal}), and write an
 * {@code integrity_checkpoint} when one is due. One chain per process run: it starts with a new id, continuing from
 * the last hash the previous run left in the trail file ({@link PreviousChain}). {@link #OFF} when disabled.
 */
public final class Integrity {
  public static final Integrity OFF = new Integrity(null, null, null);

  private final HashChain chain;
  private final Checkpoints checkpoints;
  private final PreviousChain previous;

  private String signedBy;

  private Integrity(HashChain chain, Checkpoints checkpoints, PreviousChain previous) {
    this.chain = chain;
    this.checkpoints = checkpoints;
    this.previous = previous;
  }

  /** A new chain, continuing {@code previous} (may be null). */
  public static Integrity start(IntegritySettings settings, PreviousChain previous) {
    if (!settings.enabled()) {
      return OFF;
    }
    LineHash hash = settings.key() == null ? LineHash.sha256() : LineHash.hmac(settings.key());
    HashChain chain = new HashChain(UUID.randomUUID().toString(), hash, settings.keyId(),
        previous == null ? null : previous.lastHash());
    Integrity integrity = new Integrity(chain, new Checkpoints(chain, settings.checkpointLines(),
        settings.checkpointIntervalMillis(), settings.signingKey(), settings.signingKeyFingerprint(), System.nanoTime()),
        previous);
    integrity.signedBy = settings.signingKey() == null ? null : settings.signingKeyFingerprint();
    return integrity;
  }

  public boolean enabled() {
    return chain != null;
  }

  /** Seals the line just serialized into {@code line} (nothing when off). */
  public void seal(EventJson line) {
    if (chain != null) {
      chain.seal(line);
    }
  }

  public boolean checkpointDueByCount() {
    return chain != null && checkpoints.dueByCount();
  }

  public boolean checkpointDueByTime(long nowNanos) {
    return chain != null && checkpoints.dueByTime(nowNanos);
  }

  /** Whether lines were sealed since the last checkpoint. */
  public boolean uncheckpointed() {
    return chain != null && checkpoints.pending() > 0;
  }

  /** Serializes the due checkpoint into {@code line}; seal and write it, then call {@link #checkpointWritten}. */
  public void serializeCheckpoint(EventJson line, String eventId, long nowMicros, String reason, boolean last)
      throws IOException {
    Checkpoints.Checkpoint c = checkpoints.next(reason, last);
    line.checkpoint(eventId, nowMicros, c.chainId(), c.firstSeq(), c.lastSeq(), c.headHash(), c.previousCheckpointHash(),
        c.keyId(), c.reason(), c.last(), c.signature(), c.fingerprint());
  }

  public void checkpointWritten(long nowNanos) {
    checkpoints.written(chain.seq(), chain.headHash(), nowNanos);
  }

  /** What the start event says about the chain before this one; null when there is none (or integrity is off). */
  public Map<String, Object> previousChain() {
    return chain == null || previous == null ? null : previous.describe();
  }

  public String chainId() {
    return chain == null ? null : chain.chainId();
  }

  public long seq() {
    return chain == null ? 0 : chain.seq();
  }

  /** For the start event: {@code hmac-sha256 key_id=… signed=sha256:…}, {@code sha256}, or {@code off}; never a key. */
  public String inForce() {
    if (chain == null) {
      return "off";
    }
    return (chain.keyed() ? "hmac-sha256" : "sha256") + (chain.keyId() == null ? "" : " key_id=" + chain.keyId())
        + (signedBy == null ? " unsigned" : " signed=" + signedBy);
  }

  /** For the start message: the algorithm and what signs, never key material. */
  public String describe() {
    if (chain == null) {
      return "off";
    }
    return (chain.keyed() ? "hmac-sha256" + (chain.keyId() == null ? "" : " (key id " + chain.keyId() + ")") : "sha256")
        + ", chain " + chain.chainId();
  }
}

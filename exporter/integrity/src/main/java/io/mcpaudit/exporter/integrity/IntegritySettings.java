package io.mcpaudit.exporter.integrity;

import java.security.PrivateKey;

/**
 * How the trail is sealed: on or off, the HMAC key (null: plain SHA-256) and its id, the checkpoint cadence, and the
 * Ed25519 key that signs checkpoints (null: unsigned) with its public key's fingerprint.
 */
public record IntegritySettings(boolean enabled, byte[] key, String keyId, long checkpointLines,
    long checkpointIntervalMillis, PrivateKey signingKey, String signingKeyFingerprint) {

  public static IntegritySettings defaults() {
    return new IntegritySettings(true, null, null, 1_000, 60_000, null, null);
  }

  public static IntegritySettings off() {
    return new IntegritySettings(false, null, null, 0, 0, null, null);
  }

  @Override
  public String toString() {
    return "IntegritySettings[enabled=" + enabled + ", keyed=" + (key != null) + ", keyId=" + keyId + "]"; // never the key
  }
}

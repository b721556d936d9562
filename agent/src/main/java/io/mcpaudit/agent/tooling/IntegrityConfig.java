package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.integrity.Ed25519;
import io.mcpaudit.exporter.integrity.IntegritySettings;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * {@code mcp.audit.integrity.*}: the chain is on by default; a key (an environment variable or a file, never a
 * system property on a command line others can read) makes it HMAC-SHA256; a PKCS#8 Ed25519 key signs checkpoints.
 * A key that is configured but cannot be used is an error, and the chain falls back to what still works (plain
 * SHA-256, unsigned checkpoints) rather than losing events; the start event's configuration shows what is in force.
 */
final class IntegrityConfig {
  private static final int MIN_KEY_BYTES = 32;

  private IntegrityConfig() {}

  static IntegritySettings settings(AgentConfig config) {
    if (!config.getBoolean(ConfigKey.INTEGRITY_ENABLED)) {
      AgentLog.warn(ConfigKey.INTEGRITY_ENABLED.key() + "=false: audit lines are not sealed and cannot be verified");
      return IntegritySettings.off();
    }
    if (System.getProperty(ConfigKey.INTEGRITY_KEY.key()) != null) {
      AgentLog.warn(ConfigKey.INTEGRITY_KEY.key() + " is a system property: anyone who can list processes, and the"
          + " application itself, can read it; use the environment variable " + ConfigKey.INTEGRITY_KEY.envName()
          + " or " + ConfigKey.INTEGRITY_KEY_FILE.key());
    }
    byte[] key = SecretValues.read(config, ConfigKey.INTEGRITY_KEY, ConfigKey.INTEGRITY_KEY_FILE);
    if (key != null && key.length < MIN_KEY_BYTES) {
      AgentLog.error("the integrity key is shorter than " + MIN_KEY_BYTES + " bytes; sealing with plain SHA-256"
          + " instead (make one with: openssl rand -hex 32)", null);
      key = null;
    }
    String keyId = config.get(ConfigKey.INTEGRITY_KEY_ID);
    if (keyId != null && !keyId.matches("[A-Za-z0-9._:-]{1,64}")) {
      AgentLog.error(ConfigKey.INTEGRITY_KEY_ID.key() + " must be 1 to 64 of A-Z a-z 0-9 . _ : -; ignoring it", null);
      keyId = null;
    }
    PrivateKey signingKey = null;
    String fingerprint = null;
    String signingFile = config.get(ConfigKey.INTEGRITY_SIGNING_KEY_FILE);
    if (signingFile != null && !signingFile.isBlank()) {
      try {
        signingKey = Ed25519.readPrivate(Path.of(signingFile));
        PublicKey publicKey = Ed25519.publicKeyOf(signingKey);
        fingerprint = Ed25519.fingerprint(publicKey);
        AgentLog.info("signing integrity checkpoints with the Ed25519 key " + fingerprint);
      } catch (Exception e) {
        AgentLog.error(ConfigKey.INTEGRITY_SIGNING_KEY_FILE.key() + ": cannot use " + signingFile + " as a PKCS#8 Ed25519"
            + " private key (" + e.getClass().getSimpleName() + "); checkpoints are not signed", null);
        signingKey = null;
      }
    }
    return new IntegritySettings(true, key, key == null ? null : keyId,
        Math.max(0, config.getLong(ConfigKey.INTEGRITY_CHECKPOINT_EVENTS)),
        Math.max(0, config.getDurationMillis(ConfigKey.INTEGRITY_CHECKPOINT_INTERVAL)), signingKey, fingerprint);
  }
}

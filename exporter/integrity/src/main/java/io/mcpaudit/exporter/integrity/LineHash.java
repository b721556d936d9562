package io.mcpaudit.exporter.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash of one line's canonical form: SHA-256, or HMAC-SHA256 when a key is configured, written as
 * {@code sha256:<64 hex digits>} or {@code hmac-sha256:<64 hex digits>}. One instance per thread (the JDK's
 * digest and MAC objects are stateful and reused for every line).
 */
public final class LineHash {
  public static final String SHA256 = "sha256:";
  public static final String HMAC_SHA256 = "hmac-sha256:";
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final MessageDigest digest;
  private final Mac mac;
  private final String prefix;
  private final byte[] out = new byte[32];

  private LineHash(MessageDigest digest, Mac mac) {
    this.digest = digest;
    this.mac = mac;
    this.prefix = mac == null ? SHA256 : HMAC_SHA256;
  }

  public static LineHash sha256() {
    try {
      return new LineHash(MessageDigest.getInstance("SHA-256"), null);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no SHA-256", e); // every Java SE runtime must have it
    }
  }

  /** Keyed with {@code key}: only who holds the key can compute (or forge) a line's hash. */
  public static LineHash hmac(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("an empty integrity key");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return new LineHash(null, mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no HmacSHA256", e);
    }
  }

  /** {@code sha256:} or {@code hmac-sha256:}. */
  public String prefix() {
    return prefix;
  }

  public boolean keyed() {
    return mac != null;
  }

  /** Hashes {@code length} bytes; the 32-byte result stays valid until the next call. */
  public byte[] hash(byte[] bytes, int offset, int length) {
    if (mac != null) {
      mac.update(bytes, offset, length);
      try {
        mac.doFinal(out, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e); // the output buffer is always big enough
      }
    } else {
      digest.update(bytes, offset, length);
      try {
        digest.digest(out, 0, 32);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  /** Hashes {@code length} bytes followed by {@code suffix} (a canonical form rebuilt from a written line). */
  public byte[] hash(byte[] bytes, int offset, int length, byte[] suffix) {
    if (mac != null) {
      mac.update(bytes, offset, length);
    } else {
      digest.update(bytes, offset, length);
    }
    return hash(suffix, 0, suffix.length);
  }

  /** Writes 32 bytes as 64 lower-case hex digits at {@code at}. */
  public static void hex(byte[] hash, byte[] into, int at) {
    for (int i = 0; i < 32; i++) {
      into[at + 2 * i] = HEX[(hash[i] >> 4) & 0xf];
      into[at + 2 * i + 1] = HEX[hash[i] & 0xf];
    }
  }

  /** The written form of a hash: the prefix and 64 hex digits. */
  public String text(byte[] hash) {
    byte[] hex = new byte[64];
    hex(hash, hex, 0);
    return prefix + new String(hex, StandardCharsets.US_ASCII);
  }

  /** Whether {@code value} has the written form of a hash (either algorithm). */
  public static boolean wellFormed(String value) {
    String hex;
    if (value == null) {
      return false;
    } else if (value.startsWith(SHA256)) {
      hex = value.substring(SHA256.length());
    } else if (value.startsWith(HMAC_SHA256)) {
      hex = value.substring(HMAC_SHA256.length());
    } else {
      return false;
    }
    if (hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = hex.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}

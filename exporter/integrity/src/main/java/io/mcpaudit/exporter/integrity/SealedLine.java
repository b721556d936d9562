package io.mcpaudit.exporter.integrity;

import java.nio.charset.StandardCharsets;

/**
 * The {@code integrity} member of a written line, read without a JSON parser: it is always the line's last
 * top-level member and always has the shape {@link HashChain} writes, so it is found as the last occurrence of
 * {@code ,"integrity":{"chain_id":"} (a string value cannot contain that sequence unescaped; a nested object
 * named {@code integrity} inside the event comes before the real one).
 *
 * @param canonicalEnd where the {@code ,"hash":"…"} member starts: the canonical form is the line's bytes up to
 *     there, followed by {@code }}}
 */
public record SealedLine(String chainId, long seq, String prevHash, String keyId, String hash, int canonicalEnd) {
  private static final byte[] OPEN = ascii(",\"integrity\":{\"chain_id\":\"");
  private static final byte[] SEQ = ascii("\",\"seq\":");
  private static final byte[] PREV = ascii(",\"prev_hash\":\"");
  private static final byte[] KEY = ascii("\",\"key_id\":\"");
  private static final byte[] HASH = ascii(",\"hash\":\"");
  public static final byte[] CANONICAL_CLOSE = ascii("}}");

  /** The sealed member of the line {@code bytes[offset, offset + length)} (no newline), or null when it has none. */
  public static SealedLine parse(byte[] bytes, int offset, int length) {
    return parse(bytes, offset, length, null, null);
  }

  /**
   * As {@link #parse(byte[], int, int)}, reusing {@code chainHint} and {@code prevHint} when the line holds exactly
   * those values (a verifier reading a chain line after line: the same chain id, and the previous line's hash).
   */
  public static SealedLine parse(byte[] bytes, int offset, int length, String chainHint, String prevHint) {
    int end = offset + length;
    if (end > offset && bytes[end - 1] == '\r') {
      end--; // a CRLF copy of the file; anything else after the member is a change
    }
    int at = lastIndexOf(bytes, offset, end, OPEN);
    if (at < 0) {
      return null;
    }
    int p = at + OPEN.length;
    int q = indexOf(bytes, p, end, (byte) '"');
    if (q < 0 || !at(bytes, q, end, SEQ)) {
      return null;
    }
    String chainId = text(bytes, p, q, chainHint);
    p = q + SEQ.length;
    long seq = 0;
    int digits = 0;
    while (p < end && bytes[p] >= '0' && bytes[p] <= '9' && digits < 18) {
      seq = seq * 10 + (bytes[p++] - '0');
      digits++;
    }
    if (digits == 0 || !at(bytes, p, end, PREV)) {
      return null;
    }
    p += PREV.length;
    q = indexOf(bytes, p, end, (byte) '"');
    if (q < 0) {
      return null;
    }
    String prev = text(bytes, p, q, prevHint);
    String keyId = null;
    if (at(bytes, q, end, KEY)) {
      p = q + KEY.length;
      q = indexOf(bytes, p, end, (byte) '"');
      if (q < 0) {
        return null;
      }
      keyId = new String(bytes, p, q - p, StandardCharsets.US_ASCII);
    }
    int canonicalEnd = q + 1;
    if (!at(bytes, canonicalEnd, end, HASH)) {
      return null;
    }
    p = canonicalEnd + HASH.length;
    q = indexOf(bytes, p, end, (byte) '"');
    if (q < 0 || q + 3 != end || bytes[q + 1] != '}' || bytes[q + 2] != '}') {
      return null; // something follows the integrity member: not a line the chain wrote
    }
    return new SealedLine(chainId, seq, prev, keyId, new String(bytes, p, q - p, StandardCharsets.US_ASCII),
        canonicalEnd);
  }

  private static String text(byte[] bytes, int from, int to, String hint) {
    if (hint != null && hint.length() == to - from) {
      boolean same = true;
      for (int i = from; i < to && same; i++) {
        same = bytes[i] == hint.charAt(i - from);
      }
      if (same) {
        return hint;
      }
    }
    return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
  }

  private static boolean at(byte[] bytes, int at, int end, byte[] what) {
    if (at + what.length > end) {
      return false;
    }
    for (int i = 0; i < what.length; i++) {
      if (bytes[at + i] != what[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int from, int end, byte b) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  static int lastIndexOf(byte[] bytes, int from, int end, byte[] what) {
    byte last = what[what.length - 1];
    for (int i = end - what.length; i >= from; i--) {
      if (bytes[i + what.length - 1] == last && bytes[i] == what[0] && at(bytes, i, end, what)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

package io.mcpaudit.exporter.integrity;

import io.mcpaudit.exporter.model.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Seals every line the exporter writes into one chain: it appends the {@code integrity} member as the line's last
 * top-level member,
 *
 * <pre>,"integrity":{"chain_id":"…","seq":N,"prev_hash":"…"[,"key_id":"…"],"hash":"…"}</pre>
 *
 * where {@code hash} is the SHA-256 (or, with a key, HMAC-SHA256) of the line's canonical form: the exact bytes of
 * the line without its newline and without the {@code ,"hash":"…"} member, that is, everything up to the end of
 * {@code prev_hash} (or {@code key_id}) followed by {@code }}}. {@code prev_hash} is the previous line's
 * {@code hash}, so no line can be changed, removed, added or moved without breaking every later link. Works on the
 * serializer's buffer in place: no copy of the line, no allocation. Exporter thread only (and the closing thread
 * once the exporter thread has stopped).
 */
public final class HashChain {
  /** Chain and key ids are written into lines as they are: a safe alphabet keeps them free of JSON escapes. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final byte[] PREV = ascii(",\"prev_hash\":\"");
  private static final byte[] HASH = ascii(",\"hash\":\"");
  private static final byte[] CLOSE = ascii("}}");
  private static final byte[] CLOSE_LINE = ascii("\"}}\n");

  private final String chainId;
  private final String keyId;
  private final LineHash hash;
  private final byte[] open;
  private final byte[] keyMember;
  /** The head: {@code hash} of the last sealed line (the genesis value before the first), {@code headLength} bytes. */
  private byte[] head = new byte[80];
  private int headLength;
  /** The next head, written while {@link #head} is still the line's {@code prev_hash}; the two are swapped. */
  private byte[] spare = new byte[80];
  private final byte[] prefix;
  private long seq;
  private final byte[] tail = new byte[512]; // the longest member: 64-byte ids, 19 digits, two hashes

  /**
   * @param previousHash the last hash of the chain this one continues (an earlier run's, from the same file), or
   *     null to start from the genesis value (the algorithm's prefix and 64 zeros)
   */
  public HashChain(String chainId, LineHash hash, String keyId, String previousHash) {
    if (!ID.matcher(chainId).matches() || keyId != null && !ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("a chain or key id must be 1 to 64 of A-Z a-z 0-9 . _ : -");
    }
    this.chainId = chainId;
    this.keyId = keyId;
    this.hash = hash;
    this.open = ascii(",\"integrity\":{\"chain_id\":\"" + chainId + "\",\"seq\":");
    this.keyMember = keyId == null ? new byte[0] : ascii(",\"key_id\":\"" + keyId + "\"");
    this.prefix = ascii(hash.prefix());
    byte[] start = ascii(previousHash != null && LineHash.wellFormed(previousHash) ? previousHash : genesis(hash.prefix()));
    System.arraycopy(start, 0, head, 0, start.length);
    this.headLength = start.length;
  }

  /** The first {@code prev_hash} of a chain that continues nothing. */
  public static String genesis(String prefix) {
    return prefix + "0".repeat(64);
  }

  /** Seals the line just serialized into {@code line}; returns its sequence number. */
  public long seal(EventJson line) {
    long next = seq + 1;
    int at = line.openLength();
    line.truncate(at);
    int n = put(open, 0);
    n = putDecimal(next, n);
    n = put(PREV, n);
    System.arraycopy(head, 0, tail, n, headLength);
    n += headLength;
    tail[n++] = '"';
    n = put(keyMember, n);
    n = put(CLOSE, n);
    line.append(tail, 0, n);
    byte[] digest = hash.hash(line.bytes(), 0, line.length());
    line.truncate(line.length() - CLOSE.length);
    byte[] written = spare;
    System.arraycopy(prefix, 0, written, 0, prefix.length);
    LineHash.hex(digest, written, prefix.length);
    n = put(HASH, 0);
    System.arraycopy(written, 0, tail, n, prefix.length + 64);
    n += prefix.length + 64;
    n = put(CLOSE_LINE, n);
    line.append(tail, 0, n);
    spare = head;
    head = written;
    headLength = prefix.length + 64;
    seq = next;
    return next;
  }

  private int put(byte[] bytes, int at) {
    System.arraycopy(bytes, 0, tail, at, bytes.length);
    return at + bytes.length;
  }

  private int putDecimal(long value, int at) {
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    long v = value;
    for (int i = at + digits - 1; i >= at; i--) {
      tail[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + digits;
  }

  /** The last sequence number sealed (0 before the first line). */
  public long seq() {
    return seq;
  }

  /** The hash of the last sealed line (the genesis or continued value before the first). */
  public String headHash() {
    return new String(head, 0, headLength, StandardCharsets.US_ASCII);
  }

  public String chainId() {
    return chainId;
  }

  public String keyId() {
    return keyId;
  }

  public boolean keyed() {
    return hash.keyed();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

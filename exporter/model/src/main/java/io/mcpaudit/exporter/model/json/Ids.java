package io.mcpaudit.exporter.model.json;

import java.util.SplittableRandom;

/**
 * Random identifiers for events, spans and correlation. Only the exporter thread uses an instance, so
 * a fast non-blocking generator seeded from the JDK's secure source is enough (ids need to be unique,
 * not secret).
 */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final SplittableRandom random = new SplittableRandom(new java.security.SecureRandom().nextLong());

  /** RFC 9562 UUID version 7 for the given Unix time in milliseconds. */
  public String uuidV7(long unixMillis) {
    long msb = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] out = new char[36];
    int p = 0;
    p = hex(out, p, msb >>> 32, 8);
    out[p++] = '-';
    p = hex(out, p, msb >>> 16, 4);
    out[p++] = '-';
    p = hex(out, p, msb, 4);
    out[p++] = '-';
    p = hex(out, p, lsb >>> 48, 4);
    out[p++] = '-';
    hex(out, p, lsb, 12);
    return new String(out);
  }

  /** A trace id: 32 lowercase hex characters, never all zero. */
  public String traceId() {
    return hex(random.nextLong() | 1L, 16) + hex(random.nextLong(), 16);
  }

  /** A span id: 16 lowercase hex characters, never all zero. */
  public String spanId() {
    return hex(random.nextLong() | 1L, 16);
  }

  private static String hex(long value, int digits) {
    char[] out = new char[digits];
    hex(out, 0, value, digits);
    return new String(out);
  }

  private static int hex(char[] out, int at, long value, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return at + digits;
  }
}

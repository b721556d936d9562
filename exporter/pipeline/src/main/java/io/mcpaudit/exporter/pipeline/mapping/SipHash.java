package io.mcpaudit.exporter.pipeline.mapping;

import java.security.SecureRandom;

/**
 * SipHash-2-4 with a 128-bit output (Aumasson and Bernstein), over the UTF-16LE bytes of a string, with
 * a random key per process. A keyed pseudo-random function built for hash-table keys: without the key
 * nobody can make two strings collide, so it can stand in for a credential in a cache without the
 * cache holding the credential. Not a MAC for anything that leaves the process.
 */
final class SipHash {
  private final long k0;
  private final long k1;

  SipHash(long k0, long k1) {
    this.k0 = k0;
    this.k1 = k1;
  }

  static SipHash randomKey() {
    SecureRandom random = new SecureRandom();
    return new SipHash(random.nextLong(), random.nextLong());
  }

  /** The two 64-bit halves of the 128-bit hash of {@code s}'s UTF-16LE bytes. */
  long[] hash128(String s) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL ^ 0xeeL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    int n = s.length();
    int full = n & ~3;
    long[] v = {v0, v1, v2, v3};
    for (int i = 0; i < full; i += 4) {
      long m = (s.charAt(i) & 0xFFFFL) | (s.charAt(i + 1) & 0xFFFFL) << 16
          | (s.charAt(i + 2) & 0xFFFFL) << 32 | (s.charAt(i + 3) & 0xFFFFL) << 48;
      compress(v, m);
    }
    long last = ((long) (2 * n) & 0xFF) << 56;
    for (int i = full, shift = 0; i < n; i++, shift += 16) {
      last |= (s.charAt(i) & 0xFFFFL) << shift;
    }
    compress(v, last);
    v[2] ^= 0xeeL;
    rounds(v, 4);
    long h1 = v[0] ^ v[1] ^ v[2] ^ v[3];
    v[1] ^= 0xddL;
    rounds(v, 4);
    long h2 = v[0] ^ v[1] ^ v[2] ^ v[3];
    return new long[] {h1, h2};
  }

  private static void compress(long[] v, long m) {
    v[3] ^= m;
    rounds(v, 2);
    v[0] ^= m;
  }

  private static void rounds(long[] v, int count) {
    long v0 = v[0];
    long v1 = v[1];
    long v2 = v[2];
    long v3 = v[3];
    for (int r = 0; r < count; r++) {
      v0 += v1;
      v1 = Long.rotateLeft(v1, 13);
      v1 ^= v0;
      v0 = Long.rotateLeft(v0, 32);
      v2 += v3;
      v3 = Long.rotateLeft(v3, 16);
      v3 ^= v2;
      v0 += v3;
      v3 = Long.rotateLeft(v3, 21);
      v3 ^= v0;
      v2 += v1;
      v1 = Long.rotateLeft(v1, 17);
      v1 ^= v2;
      v2 = Long.rotateLeft(v2, 32);
    }
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
  }
}

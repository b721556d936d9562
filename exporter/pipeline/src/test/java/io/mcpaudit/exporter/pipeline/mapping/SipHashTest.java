package io.mcpaudit.exporter.pipeline.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipHashTest {

  /** The reference implementation's first SipHash-2-4-128 test vector: key 00..0f, empty message. */
  @Test
  void matchesTheReferenceVector() {
    long k0 = 0x0706050403020100L;
    long k1 = 0x0f0e0d0c0b0a0908L;
    long[] h = new SipHash(k0, k1).hash128("");
    assertThat(Long.toHexString(h[0])).isEqualTo(Long.toHexString(0xe6a825ba047f81a3L));
    assertThat(Long.toHexString(h[1])).isEqualTo(Long.toHexString(0x930255c71472f66dL));
  }

  @Test
  void differentKeysAndInputsGiveDifferentHashes() {
    SipHash a = new SipHash(1, 2);
    SipHash b = new SipHash(1, 3);
    assertThat(a.hash128("Bearer abc")).isNotEqualTo(a.hash128("Bearer abd"));
    assertThat(a.hash128("Bearer abc")).isNotEqualTo(b.hash128("Bearer abc"));
    assertThat(a.hash128("Bearer abc")).isEqualTo(a.hash128("Bearer abc"));
    for (int n = 0; n < 9; n++) {
      assertThat(a.hash128("x".repeat(n))).isNotEqualTo(a.hash128("x".repeat(n + 1)));
    }
  }
}

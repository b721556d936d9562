package io.mcpaudit.exporter.pipeline.mapping;

import java.security.SecureRandom;
import java.util.List;

/**
 * How HTTP identity is read: which peers may speak for the client ({@code X-Forwarded-For},
 * {@code Forwarded}), which gateway headers become identity fields, and the key that fingerprints
 * credentials.
 *
 * @param identityFields the identity field names, in the order of the headers captured on the
 *     request thread (in the order they were configured)
 */
public record IdentitySettings(List<Cidr> trustedProxies, List<String> identityFields, byte[] fingerprintKey) {

  /** No trusted proxies, no identity headers, and a fingerprint key that lives as long as this process. */
  public static IdentitySettings defaults() {
    return new IdentitySettings(List.of(), List.of(), randomKey());
  }

  public static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}

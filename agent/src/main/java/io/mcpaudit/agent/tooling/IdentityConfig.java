package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.pipeline.mapping.Cidr;
import io.mcpaudit.exporter.pipeline.mapping.IdentitySettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the {@code mcp.audit.identity.*} keys into {@link IdentitySettings}. Bad entries are reported
 * and skipped rather than stopping the agent.
 */
final class IdentityConfig {
  /** Identity fields the agent writes itself; a gateway header may not overwrite them. */
  private static final Set<String> RESERVED = Set.of("source_ip", "source_port", "forwarded_for", "principal",
      "client_app_id", "token_issuer", "token_expires_at", "auth_scheme", "token_fingerprint", "client_name",
      "client_version", "session_id", "user_agent", "mtls_subject", "spiffe_id");

  /** Headers that carry credentials: never copied into an event, whatever the configuration says. */
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
      "cookie2", "set-cookie", "set-cookie2", "x-api-key", "api-key", "x-amz-security-token");
  /** Words that mark a header name as carrying a credential ({@code X-Auth-Token}, {@code X-Upstream-Secret}, …). */
  private static final List<String> CREDENTIAL_WORDS =
      List.of("token", "secret", "password", "passwd", "credential", "cookie", "apikey", "api-key", "api_key",
          "authorization", "session-key", "private-key", "signature", "jwt", "assertion", "oidc-data");

  private IdentityConfig() {}

  /** Whether {@code header} may carry a credential, and so may never be recorded. */
  static boolean isCredentialHeader(String header) {
    String h = header.toLowerCase(java.util.Locale.ROOT);
    if (CREDENTIAL_HEADERS.contains(h)) {
      return true;
    }
    for (String word : CREDENTIAL_WORDS) {
      if (h.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** Field name → HTTP header, from {@code workload_id:X-Workload-Id,tenant:X-Tenant}. */
  static Map<String, String> headers(AgentConfig config) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String entry : config.getList(ConfigKey.IDENTITY_HEADERS)) {
      int colon = entry.indexOf(':');
      String field = colon > 0 ? entry.substring(0, colon).trim() : "";
      String header = colon > 0 ? entry.substring(colon + 1).trim() : "";
      if (!field.matches("[a-z][a-z0-9_]{0,63}") || header.isEmpty() || RESERVED.contains(field)) {
        AgentLog.warn(ConfigKey.IDENTITY_HEADERS.key() + ": ignoring '" + entry
            + "' (expected field_name:Header-Name, field names in snake_case and not one of " + RESERVED + ")");
        continue;
      }
      if (isCredentialHeader(header)) {
        AgentLog.warn(ConfigKey.IDENTITY_HEADERS.key() + ": ignoring '" + field + ":" + header
            + "': that header carries credentials, which are never recorded (the credential-derived fields are:"
            + " auth_scheme, token_fingerprint, principal, client_app_id, token_issuer)");
        continue;
      }
      headers.put(field, header);
    }
    return headers;
  }

  /** The header name a trusted proxy manages, from {@code mcp.audit.identity.forwarded_header}. */
  static String forwardedHeader(AgentConfig config) {
    String value = config.get(ConfigKey.FORWARDED_HEADER);
    if (value.equalsIgnoreCase("forwarded")) {
      return "Forwarded";
    }
    if (!value.equalsIgnoreCase("x-forwarded-for")) {
      AgentLog.warn(ConfigKey.FORWARDED_HEADER.key() + "=" + value
          + " is neither x-forwarded-for nor forwarded; using x-forwarded-for");
    }
    return "X-Forwarded-For";
  }

  static IdentitySettings settings(AgentConfig config, Map<String, String> headers) {
    List<Cidr> trusted = new ArrayList<>();
    for (String range : config.getList(ConfigKey.TRUSTED_PROXIES)) {
      try {
        trusted.add(Cidr.parse(range));
      } catch (IllegalArgumentException e) {
        AgentLog.warn(ConfigKey.TRUSTED_PROXIES.key() + ": ignoring " + e.getMessage());
      }
    }
    byte[] fingerprintKey = SecretValues.read(config, ConfigKey.FINGERPRINT_KEY, ConfigKey.FINGERPRINT_KEY_FILE);
    if (fingerprintKey == null) {
      AgentLog.info("no " + ConfigKey.FINGERPRINT_KEY.key() + " configured: credential fingerprints use a key"
          + " generated for this process and cannot be matched across processes or restarts");
      fingerprintKey = IdentitySettings.randomKey();
    }
    return new IdentitySettings(List.copyOf(trusted), List.copyOf(headers.keySet()), fingerprintKey);
  }
}

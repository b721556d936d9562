package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.event.Cidr;
import io.mcpaudit.exporter.event.IdentitySettings;
import java.nio.charset.StandardCharsets;
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

  private IdentityConfig() {}

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
      headers.put(field, header);
    }
    return headers;
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
    String key = config.get(ConfigKey.FINGERPRINT_KEY);
    byte[] fingerprintKey;
    if (key == null) {
      AgentLog.info("no " + ConfigKey.FINGERPRINT_KEY.key() + " configured: credential fingerprints use a key"
          + " generated for this process and cannot be matched across processes or restarts");
      fingerprintKey = IdentitySettings.randomKey();
    } else {
      fingerprintKey = key.getBytes(StandardCharsets.UTF_8);
    }
    return new IdentitySettings(List.copyOf(trusted), List.copyOf(headers.keySet()), fingerprintKey);
  }
}

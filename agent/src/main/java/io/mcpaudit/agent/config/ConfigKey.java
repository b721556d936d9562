package io.mcpaudit.agent.config;

import java.util.Locale;

/**
 * Every configuration key the agent reads, with its default. Their meaning is documented in the
 * README's configuration table, which a test checks against this list so the two cannot drift apart.
 */
public enum ConfigKey {
  ENABLED("mcp.audit.enabled", "true"),
  EXPORTERS("mcp.audit.exporters", "file"),
  FILE_PATH("mcp.audit.file.path", "./mcp-audit.jsonl"),
  SERVER_ID("mcp.audit.server.id", null),
  ENVIRONMENT("mcp.audit.environment", null),
  QUEUE_SIZE("mcp.audit.queue.size", "8192"),
  SHUTDOWN_TIMEOUT_MS("mcp.audit.shutdown.timeout_ms", "10000"),
  CORRELATION_HEADERS("mcp.audit.correlation.headers", "X-Correlation-ID,X-Request-ID"),
  TRUSTED_PROXIES("mcp.audit.identity.trusted_proxies", null),
  FORWARDED_HEADER("mcp.audit.identity.forwarded_header", "x-forwarded-for"),
  IDENTITY_HEADERS("mcp.audit.identity.headers", null),
  FINGERPRINT_KEY("mcp.audit.identity.fingerprint_key", null),
  FINGERPRINT_KEY_FILE("mcp.audit.identity.fingerprint_key_file", null),
  PROPAGATION_ENABLED("mcp.audit.propagation.enabled", "true"),
  PROPAGATION_HTTP("mcp.audit.propagation.http", "true"),
  MDC_CORRELATION_KEY("mcp.audit.mdc.correlation_key", "mcp.correlation_id"),
  MDC_TRACE_KEY("mcp.audit.mdc.trace_key", "trace_id"),
  MDC_TOOL_KEY("mcp.audit.mdc.tool_key", "mcp.tool.name"),
  DEBUG("mcp.audit.debug", "false"),
  CONFIG_FILE("mcp.audit.config", null);

  private final String key;
  private final String defaultValue;

  ConfigKey(String key, String defaultValue) {
    this.key = key;
    this.defaultValue = defaultValue;
  }

  public String key() {
    return key;
  }

  /** The default, or null when the key has none. */
  public String defaultValue() {
    return defaultValue;
  }

  /** {@code mcp.audit.file.path} → {@code MCP_AUDIT_FILE_PATH}. */
  public String envName() {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }

  public static ConfigKey byKey(String key) {
    for (ConfigKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }
}

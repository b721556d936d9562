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
  FILE_MAX_BYTES("mcp.audit.file.max_bytes", "0"),
  SERVER_ID("mcp.audit.server.id", null),
  ENVIRONMENT("mcp.audit.environment", null),
  QUEUE_SIZE("mcp.audit.queue.size", "8192"),
  QUEUE_FULL_POLICY("mcp.audit.queue.full_policy", "drop"),
  QUEUE_BLOCK_TIMEOUT_MS("mcp.audit.queue.block_timeout_ms", "100"),
  SHUTDOWN_TIMEOUT_MS("mcp.audit.shutdown.timeout_ms", "10000"),
  STATS_INTERVAL("mcp.audit.stats.interval", "60s"),
  SPOOL_DIR("mcp.audit.spool.dir", "./mcp-audit-spool"),
  SPOOL_MAX_BYTES("mcp.audit.spool.max_bytes", "268435456"),
  SPOOL_MODE("mcp.audit.spool.mode", "disk"),
  SPOOL_MEMORY_MAX_BYTES("mcp.audit.spool.memory_max_bytes", "16777216"),
  OTLP_ENDPOINT("mcp.audit.otlp.endpoint", null),
  OTLP_PROTOCOL("mcp.audit.otlp.protocol", null),
  OTLP_HEADERS("mcp.audit.otlp.headers", null, true),
  OTLP_HEADERS_FILE("mcp.audit.otlp.headers_file", null),
  OTLP_COMPRESSION("mcp.audit.otlp.compression", null),
  OTLP_TIMEOUT_MS("mcp.audit.otlp.timeout_ms", null),
  OTLP_TLS_CA_FILE("mcp.audit.otlp.tls.ca_file", null),
  OTLP_TLS_CERT_FILE("mcp.audit.otlp.tls.cert_file", null),
  OTLP_TLS_KEY_FILE("mcp.audit.otlp.tls.key_file", null),
  OTLP_BATCH_MAX_EVENTS("mcp.audit.otlp.batch.max_events", "512"),
  OTLP_BATCH_MAX_BYTES("mcp.audit.otlp.batch.max_bytes", "1048576"),
  OTLP_BATCH_LINGER_MS("mcp.audit.otlp.batch.linger_ms", "1000"),
  HTTP_ENDPOINT("mcp.audit.http.endpoint", null),
  HTTP_FORMAT("mcp.audit.http.format", "ndjson"),
  HTTP_HEADERS("mcp.audit.http.headers", null, true),
  HTTP_HEADERS_FILE("mcp.audit.http.headers_file", null),
  HTTP_TOKEN("mcp.audit.http.token", null, true),
  HTTP_TOKEN_FILE("mcp.audit.http.token_file", null),
  HTTP_COMPRESSION("mcp.audit.http.compression", "none"),
  HTTP_TIMEOUT_MS("mcp.audit.http.timeout_ms", "10000"),
  HTTP_TLS_CA_FILE("mcp.audit.http.tls.ca_file", null),
  HTTP_TLS_CERT_FILE("mcp.audit.http.tls.cert_file", null),
  HTTP_TLS_KEY_FILE("mcp.audit.http.tls.key_file", null),
  HTTP_BATCH_MAX_EVENTS("mcp.audit.http.batch.max_events", "512"),
  HTTP_BATCH_MAX_BYTES("mcp.audit.http.batch.max_bytes", "1048576"),
  HTTP_BATCH_LINGER_MS("mcp.audit.http.batch.linger_ms", "1000"),
  HTTP_HEC_SOURCE("mcp.audit.http.hec.source", "mcp-audit"),
  HTTP_HEC_SOURCETYPE("mcp.audit.http.hec.sourcetype", "mcp:audit"),
  HTTP_HEC_INDEX("mcp.audit.http.hec.index", null),
  INTEGRITY_ENABLED("mcp.audit.integrity.enabled", "true"),
  INTEGRITY_KEY("mcp.audit.integrity.key", null, true),
  INTEGRITY_KEY_FILE("mcp.audit.integrity.key_file", null),
  INTEGRITY_KEY_ID("mcp.audit.integrity.key_id", null),
  INTEGRITY_CHECKPOINT_EVENTS("mcp.audit.integrity.checkpoint.events", "1000"),
  INTEGRITY_CHECKPOINT_INTERVAL("mcp.audit.integrity.checkpoint.interval", "60s"),
  INTEGRITY_SIGNING_KEY_FILE("mcp.audit.integrity.signing_key_file", null),
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
  CAPTURE_ARGUMENTS("mcp.audit.capture.arguments", "keys"),
  CAPTURE_RESULTS("mcp.audit.capture.results", "none"),
  CAPTURE_MAX_BYTES("mcp.audit.capture.max_bytes", "4096"),
  CAPTURE_TOOLS("mcp.audit.capture.tools", null),
  CAPTURE_DIGEST_KEY("mcp.audit.capture.digest_key", null, true),
  CAPTURE_DIGEST_KEY_FILE("mcp.audit.capture.digest_key_file", null),
  REDACT_DETECTORS("mcp.audit.redact.detectors", null),
  REDACT_DETECTORS_FILE("mcp.audit.redact.detectors_file", null),
  REDACT_ALLOWLIST("mcp.audit.redact.allowlist", null, true),
  REDACT_KEY_NAMES("mcp.audit.redact.key_names", null),
  DEBUG("mcp.audit.debug", "false"),
  CONFIG_FILE("mcp.audit.config", null);

  private final String key;
  private final String defaultValue;
  /** A secret whose name does not say so (headers that carry tokens): masked like the ones that do. */
  private final boolean secret;

  ConfigKey(String key, String defaultValue) {
    this(key, defaultValue, false);
  }

  ConfigKey(String key, String defaultValue, boolean secret) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.secret = secret;
  }

  boolean markedSecret() {
    return secret;
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

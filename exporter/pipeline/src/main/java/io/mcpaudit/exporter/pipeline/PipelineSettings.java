package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.exporter.pipeline.mapping.IdentitySettings;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline needs to know, resolved by the agent's configuration. Immutable. Exporters read their
 * own keys through {@link #exporterContext}.
 */
public final class PipelineSettings {
  final List<String> exporters;
  final String serverId;
  final String environment;
  final int queueSize;
  final String agentVersion;
  final Map<String, String> configSummary;
  final IdentitySettings identity;
  /** How long a clean stop may take to drain the ring and write the stop event. */
  final long shutdownTimeoutMillis;
  final ExporterContext exporterContext;
  /** Where the journal lives (remote exporters only); null keeps it in memory. */
  final Path spoolDir;
  final long spoolMaxBytes;
  final long memorySpoolMaxBytes;
  final QueueFullPolicy queueFullPolicy;
  final long blockTimeoutNanos;
  /** How often an {@code agent_stats} event is written; 0 for never. */
  final long statsIntervalMillis;
  final String serviceInstanceId;
  final io.mcpaudit.exporter.integrity.IntegritySettings integrity;
  final io.mcpaudit.exporter.privacy.CapturePolicy capture;

  private PipelineSettings(Builder b) {
    if (b.exporters.isEmpty()) {
      throw new IllegalArgumentException("mcp.audit.exporters is empty");
    }
    this.exporters = List.copyOf(b.exporters);
    this.serverId = b.serverId;
    this.environment = b.environment;
    this.queueSize = ringSize(b.queueSize);
    this.agentVersion = b.agentVersion;
    this.configSummary = Collections.unmodifiableMap(new LinkedHashMap<>(b.configSummary));
    this.identity = b.identity;
    this.shutdownTimeoutMillis = b.shutdownTimeoutMillis;
    this.exporterContext = b.exporterContext != null ? b.exporterContext
        : ExporterContext.of(Map.copyOf(b.values), ProducerResource.UNKNOWN);
    this.spoolDir = b.spoolDir;
    this.spoolMaxBytes = b.spoolMaxBytes;
    this.memorySpoolMaxBytes = b.memorySpoolMaxBytes;
    this.queueFullPolicy = b.queueFullPolicy;
    this.blockTimeoutNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(b.blockTimeoutMillis);
    this.statsIntervalMillis = b.statsIntervalMillis;
    this.integrity = b.integrity;
    this.capture = b.capture;
    this.serviceInstanceId = b.serviceInstanceId != null ? b.serviceInstanceId : java.util.UUID.randomUUID().toString();
  }

  /** What to do when the ring is full. */
  public enum QueueFullPolicy {
    /** Drop the event and count it (the request never waits). */
    DROP,
    /** Wait up to {@code mcp.audit.queue.block_timeout_ms} for room, then drop and count. */
    BLOCK
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The next power of two (the Disruptor needs one), within 64..262,144; the agent's configuration has
   * already warned about a value outside that range.
   */
  static int ringSize(int requested) {
    int size = Math.max(64, Math.min(requested, 1 << 18));
    return Integer.highestOneBit(size - 1) << 1;
  }

  public static final class Builder {
    private List<String> exporters = List.of("file");
    private final Map<String, String> values = new LinkedHashMap<>();
    private String serverId;
    private String environment;
    private int queueSize = 8192;
    private String agentVersion = "unknown";
    private Map<String, String> configSummary = Map.of();
    private IdentitySettings identity = IdentitySettings.defaults();
    private long shutdownTimeoutMillis = 10_000;
    private ExporterContext exporterContext;
    private Path spoolDir = Path.of("mcp-audit-spool");
    private long spoolMaxBytes = 256L << 20;
    private long memorySpoolMaxBytes = 16L << 20;
    private QueueFullPolicy queueFullPolicy = QueueFullPolicy.DROP;
    private long blockTimeoutMillis = 100;
    private long statsIntervalMillis = 60_000;
    private String serviceInstanceId;
    private io.mcpaudit.exporter.integrity.IntegritySettings integrity =
        io.mcpaudit.exporter.integrity.IntegritySettings.defaults();

    private io.mcpaudit.exporter.privacy.CapturePolicy capture = io.mcpaudit.exporter.privacy.CapturePolicy.defaults();

    /** What is recorded of arguments and results, and with which detectors (names only, by default). */
    public Builder capture(io.mcpaudit.exporter.privacy.CapturePolicy policy) {
      this.capture = policy;
      return this;
    }

    /** How lines are sealed (the hash chain is on, unkeyed and unsigned, by default). */
    public Builder integrity(io.mcpaudit.exporter.integrity.IntegritySettings settings) {
      this.integrity = settings;
      return this;
    }

    /** Names in {@code mcp.audit.exporters}; each must name an exporter on the class path. */
    public Builder exporters(List<String> names) {
      this.exporters = names;
      return this;
    }

    /** Shorthand for the {@code mcp.audit.file.path} exporter key (when no exporter context is given). */
    public Builder filePath(Path path) {
      values.put("mcp.audit.file.path", path.toString());
      return this;
    }

    /** An exporter key (when no exporter context is given). */
    public Builder exporterValue(String key, String value) {
      values.put(key, value);
      return this;
    }

    /** Where exporters read their configuration; without one, the values given to this builder. */
    public Builder exporterContext(ExporterContext context) {
      this.exporterContext = context;
      return this;
    }

    public Builder serverId(String id) {
      this.serverId = id;
      return this;
    }

    public Builder environment(String name) {
      this.environment = name;
      return this;
    }

    public Builder queueSize(int slots) {
      this.queueSize = slots;
      return this;
    }

    public Builder agentVersion(String version) {
      this.agentVersion = version;
      return this;
    }

    public Builder configSummary(Map<String, String> summary) {
      this.configSummary = summary;
      return this;
    }

    public Builder identity(IdentitySettings settings) {
      this.identity = settings;
      return this;
    }

    public Builder shutdownTimeoutMillis(long millis) {
      this.shutdownTimeoutMillis = Math.max(100, millis);
      return this;
    }

    /** The journal's directory; null keeps the journal in memory (lost on a crash). */
    public Builder spool(Path dir, long maxBytes, long memoryMaxBytes) {
      this.spoolDir = dir;
      this.spoolMaxBytes = Math.max(4L << 20, maxBytes);
      this.memorySpoolMaxBytes = Math.max(1L << 20, memoryMaxBytes);
      return this;
    }

    public Builder queueFullPolicy(QueueFullPolicy policy, long blockTimeoutMillis) {
      this.queueFullPolicy = policy;
      this.blockTimeoutMillis = Math.max(0, blockTimeoutMillis);
      return this;
    }

    public Builder statsIntervalMillis(long millis) {
      this.statsIntervalMillis = millis;
      return this;
    }

    /** This process's {@code service_instance_id}; a random UUID by default. */
    public Builder serviceInstanceId(String id) {
      this.serviceInstanceId = id;
      return this;
    }

    public PipelineSettings build() {
      return new PipelineSettings(this);
    }
  }
}

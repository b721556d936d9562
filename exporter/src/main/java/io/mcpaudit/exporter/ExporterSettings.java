package io.mcpaudit.exporter;

import io.mcpaudit.exporter.event.IdentitySettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the pipeline needs to know, resolved by the agent's configuration. Immutable. */
public final class ExporterSettings {
  static final List<String> KNOWN_EXPORTERS = List.of("file", "stdout");

  final List<String> exporters;
  final Path filePath;
  final String serverId;
  final String environment;
  final int queueSize;
  final String agentVersion;
  final Map<String, String> configSummary;
  final IdentitySettings identity;
  /** How long a clean stop may take to drain the ring and write the stop event. */
  final long shutdownTimeoutMillis;

  private ExporterSettings(Builder b) {
    this.exporters = List.copyOf(b.exporters);
    this.filePath = b.filePath;
    this.serverId = b.serverId;
    this.environment = b.environment;
    this.queueSize = ringSize(b.queueSize);
    this.agentVersion = b.agentVersion;
    this.configSummary = Collections.unmodifiableMap(new LinkedHashMap<>(b.configSummary));
    this.identity = b.identity;
    this.shutdownTimeoutMillis = b.shutdownTimeoutMillis;
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
    private Path filePath = Path.of("mcp-audit.jsonl");
    private String serverId;
    private String environment;
    private int queueSize = 8192;
    private String agentVersion = "unknown";
    private Map<String, String> configSummary = Map.of();
    private IdentitySettings identity = IdentitySettings.defaults();
    private long shutdownTimeoutMillis = 10_000;

    public Builder exporters(List<String> names) {
      for (String name : names) {
        if (!KNOWN_EXPORTERS.contains(name)) {
          throw new IllegalArgumentException(
              "unknown exporter '" + name + "' in mcp.audit.exporters; known: " + KNOWN_EXPORTERS);
        }
      }
      if (names.isEmpty()) {
        throw new IllegalArgumentException("mcp.audit.exporters is empty; known: " + KNOWN_EXPORTERS);
      }
      this.exporters = names;
      return this;
    }

    public Builder filePath(Path path) {
      this.filePath = path;
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

    public ExporterSettings build() {
      return new ExporterSettings(this);
    }
  }
}

package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.exporter.spi.ExporterContext;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What exporters see of the agent's configuration: the resolved {@code mcp.audit.*} keys, the environment
 * (for the standard {@code OTEL_*} fallbacks), and this process as a resource: {@code service.instance.id}
 * (the one every event names), {@code process.pid}, {@code host.name}, and, when set, {@code service.name}
 * from {@code OTEL_SERVICE_NAME} and the entries of {@code OTEL_RESOURCE_ATTRIBUTES}.
 */
final class AgentExporterContext implements ExporterContext {
  private final AgentConfig config;
  private final ProducerResource resource;
  private final String agentVersion;

  AgentExporterContext(AgentConfig config, String serviceInstanceId, String hostName, String agentVersion) {
    this.config = config;
    this.agentVersion = agentVersion;
    this.resource = resource(serviceInstanceId, hostName);
  }

  private static ProducerResource resource(String serviceInstanceId, String hostName) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String fromEnv = System.getenv("OTEL_RESOURCE_ATTRIBUTES");
    if (fromEnv != null) {
      for (String entry : fromEnv.split(",")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          attributes.put(entry.substring(0, eq).trim(),
              java.net.URLDecoder.decode(entry.substring(eq + 1).trim(), java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    String serviceName = System.getenv("OTEL_SERVICE_NAME");
    if (serviceName != null && !serviceName.isBlank()) {
      attributes.put("service.name", serviceName.trim());
    }
    attributes.put(ProducerResource.SERVICE_INSTANCE_ID, serviceInstanceId);
    attributes.put("process.pid", String.valueOf(ProcessHandle.current().pid()));
    if (hostName != null) {
      attributes.putIfAbsent("host.name", hostName);
    }
    return new ProducerResource(attributes);
  }

  @Override
  public String get(String key) {
    ConfigKey known = ConfigKey.byKey(key);
    return known == null ? null : config.get(known);
  }

  @Override
  public String env(String name) {
    return System.getenv(name);
  }

  @Override
  public ProducerResource resource() {
    return resource;
  }

  @Override
  public String agentVersion() {
    return agentVersion;
  }
}

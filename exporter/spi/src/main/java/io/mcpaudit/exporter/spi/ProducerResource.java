package io.mcpaudit.exporter.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process that wrote an event, in OpenTelemetry resource attribute names ({@code service.instance.id},
 * {@code process.pid}, {@code host.name}, and, when that process was given them, {@code service.name} from
 * {@code OTEL_SERVICE_NAME} and the entries of {@code OTEL_RESOURCE_ATTRIBUTES}). The journal keeps it beside
 * the events of each process, so events sent after a restart still name the process that produced them,
 * not the one that sent them.
 */
public record ProducerResource(Map<String, String> attributes) {
  public static final String SERVICE_INSTANCE_ID = "service.instance.id";
  public static final ProducerResource UNKNOWN = new ProducerResource(Map.of());

  public ProducerResource {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public String get(String name) {
    return attributes.get(name);
  }
}

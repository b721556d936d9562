package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.exporter.spi.ExporterProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The exporters on the class path, by name ({@link ServiceLoader}: no list of names to keep in step here). */
final class Exporters {
  private Exporters() {}

  static Map<String, ExporterProvider> available() {
    Map<String, ExporterProvider> byName = new TreeMap<>();
    for (ExporterProvider provider : ServiceLoader.load(ExporterProvider.class, ExporterProvider.class.getClassLoader())) {
      byName.putIfAbsent(provider.name(), provider);
    }
    return byName;
  }

  /** The providers for {@code names}, in order; an unknown name is an error that lists the known ones. */
  static List<ExporterProvider> resolve(List<String> names) {
    Map<String, ExporterProvider> known = available();
    return names.stream().map(name -> {
      ExporterProvider provider = known.get(name);
      if (provider == null) {
        throw new IllegalArgumentException("unknown exporter '" + name + "' in mcp.audit.exporters; known: " + known.keySet());
      }
      return provider;
    }).toList();
  }
}

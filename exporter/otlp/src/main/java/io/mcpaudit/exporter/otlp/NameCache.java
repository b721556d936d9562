package io.mcpaudit.exporter.otlp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Field names as UTF-8, encoded once: events repeat the same few dozen names, which the parser hands out as
 * the same canonical strings, so a lookup replaces copying and encoding each name of each event. Bounded, in
 * case events bring ever new names (identity headers, config keys): past the bound names are encoded each time.
 */
final class NameCache {
  private static final int MAX = 4096;
  private final Map<String, byte[]> cache = new HashMap<>(256);

  byte[] utf8(String name) {
    byte[] bytes = cache.get(name);
    if (bytes == null) {
      bytes = name.getBytes(StandardCharsets.UTF_8);
      if (cache.size() < MAX) {
        cache.put(name, bytes);
      }
    }
    return bytes;
  }
}

package io.mcpaudit.exporter.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What an exporter may know about its configuration and its process. Values are the agent's resolved
 * {@code mcp.audit.*} keys (agent argument, system property, environment variable, file, default);
 * secrets are read only through {@link #secret}, which never logs them.
 */
public interface ExporterContext {

  /** The resolved value of a {@code mcp.audit.*} key (its default when unset), or null when it has none. */
  String get(String key);

  /** An environment variable, for the standard fallbacks ({@code OTEL_EXPORTER_OTLP_*}, {@code OTEL_SERVICE_NAME}). */
  String env(String name);

  /**
   * A secret given inline (ideally an environment variable) or as a file; the file wins. Null when neither is
   * set. A file that cannot be read is an {@link IllegalArgumentException} naming the key and the path.
   */
  default byte[] secret(String inlineKey, String fileKey) {
    String path = fileKey == null ? null : get(fileKey);
    if (path != null) {
      try {
        byte[] bytes = Files.readAllBytes(Path.of(path));
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
          end--; // `echo secret > file` adds a newline that is not part of the secret
        }
        return java.util.Arrays.copyOf(bytes, end);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(fileKey + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
      }
    }
    String value = get(inlineKey);
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** This process, as the events it writes describe it. */
  ProducerResource resource();

  /** The agent's version (exporters name it as their instrumentation scope). */
  default String agentVersion() {
    return "unknown";
  }

  /** The first non-blank of: the key's value, then each environment variable in turn; null if none. */
  default String getOrEnv(String key, String... envNames) {
    String value = get(key);
    if (value != null && !value.isBlank()) {
      return value.trim();
    }
    for (String name : envNames) {
      String fromEnv = env(name);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return fromEnv.trim();
      }
    }
    return null;
  }

  /** The first non-blank of these environment variables, or null. */
  default String firstEnv(String... names) {
    for (String name : names) {
      String value = env(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /** An integer setting; a bad number is an error naming the key. */
  default long getLong(String key, long defaultValue) {
    String value = get(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + "=" + value + " is not a number");
    }
  }

  /** A context over fixed values (tests, benchmarks, tools); no environment. */
  static ExporterContext of(Map<String, String> values, ProducerResource resource) {
    return new ExporterContext() {
      @Override
      public String get(String key) {
        return values.get(key);
      }

      @Override
      public String env(String name) {
        return null;
      }

      @Override
      public ProducerResource resource() {
        return resource;
      }
    };
  }
}

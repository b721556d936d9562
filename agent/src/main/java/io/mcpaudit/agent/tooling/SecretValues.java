package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a secret given either inline (an environment variable, ideally) or as a file (a Kubernetes
 * secret volume, say). The value is never logged; problems name the key and the file, not the content.
 */
final class SecretValues {
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private SecretValues() {}

  /** The secret's bytes, or null when neither key is set or the file cannot be read (that is logged). */
  static byte[] read(AgentConfig config, ConfigKey inline, ConfigKey file) {
    String path = config.get(file);
    String value = config.get(inline);
    if (path != null) {
      if (value != null) {
        AgentLog.warn(inline.key() + " and " + file.key() + " are both set; using the file");
      }
      try {
        Path p = Path.of(path);
        if (Files.size(p) > MAX_FILE_BYTES) {
          AgentLog.error(file.key() + ": " + path + " is larger than " + MAX_FILE_BYTES + " bytes; ignoring it", null);
          return null;
        }
        byte[] bytes = Files.readAllBytes(p);
        return trimTrailingNewlines(bytes);
      } catch (IOException | RuntimeException e) {
        AgentLog.error(file.key() + ": cannot read " + path + " (" + e.getClass().getSimpleName() + ")", null);
        return null;
      }
    }
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code echo secret > file} adds a newline that is not part of the secret. */
  private static byte[] trimTrailingNewlines(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
      end--;
    }
    return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
  }
}

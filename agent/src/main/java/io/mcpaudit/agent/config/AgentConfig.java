package io.mcpaudit.agent.config;

import io.mcpaudit.bootstrap.AgentLog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Resolved configuration. Precedence, highest first: agent arguments, system properties, environment
 * variables ({@code MCP_AUDIT_*}), the properties file named by {@code mcp.audit.config}, defaults.
 */
public final class AgentConfig {
  private final Map<ConfigKey, String> values;
  private final Map<ConfigKey, String> sources;

  private AgentConfig(Map<ConfigKey, String> values, Map<ConfigKey, String> sources) {
    this.values = values;
    this.sources = sources;
  }

  /** Reads the real sources of this JVM. */
  public static AgentConfig load(String agentArgs) {
    return load(AgentArguments.parse(agentArgs), System::getProperty, System::getenv);
  }

  public static AgentConfig load(
      Map<String, String> args, Function<String, String> sysProps, Function<String, String> env) {
    warnUnknown(args.keySet(), "agent argument");
    Map<String, String> file = readFile(firstNonNull(
        args.get(ConfigKey.CONFIG_FILE.key()),
        sysProps.apply(ConfigKey.CONFIG_FILE.key()),
        env.apply(ConfigKey.CONFIG_FILE.envName())));
    Map<ConfigKey, String> values = new LinkedHashMap<>();
    Map<ConfigKey, String> sources = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      String[][] candidates = {
        {args.get(key.key()), "agent argument"},
        {sysProps.apply(key.key()), "system property"},
        {env.apply(key.envName()), "environment"},
        {file.get(key.key()), "config file"},
        {key.defaultValue(), "default"},
      };
      for (String[] candidate : candidates) {
        if (candidate[0] != null && !candidate[0].isBlank()) {
          values.put(key, candidate[0].trim());
          sources.put(key, candidate[1]);
          break;
        }
      }
    }
    return new AgentConfig(values, sources);
  }

  /** The value, or null when unset and without default. */
  public String get(ConfigKey key) {
    return values.get(key);
  }

  public boolean getBoolean(ConfigKey key) {
    String value = get(key);
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    AgentLog.warn(key.key() + "=" + shown(key, value) + " is not true or false; using " + key.defaultValue());
    return Boolean.parseBoolean(key.defaultValue());
  }

  public long getLong(ConfigKey key) {
    try {
      return Long.parseLong(get(key));
    } catch (NumberFormatException e) {
      AgentLog.warn(key.key() + "=" + shown(key, get(key)) + " is not a number; using " + key.defaultValue());
      return Long.parseLong(key.defaultValue());
    }
  }

  /**
   * A duration: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, or a plain number of seconds; in
   * milliseconds. A bad value is reported and the default used.
   */
  public long getDurationMillis(ConfigKey key) {
    Long parsed = parseDuration(get(key));
    if (parsed == null) {
      AgentLog.warn(key.key() + "=" + get(key) + " is not a duration (500ms, 60s, 5m, 1h); using " + key.defaultValue());
      parsed = parseDuration(key.defaultValue());
    }
    return parsed;
  }

  static Long parseDuration(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1000;
    String number = v;
    if (v.endsWith("ms")) {
      unit = 1;
      number = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unit = 60_000;
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("h")) {
      unit = 3_600_000;
      number = v.substring(0, v.length() - 1);
    }
    try {
      long n = Long.parseLong(number.trim());
      return n < 0 ? null : n * unit;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public int getInt(ConfigKey key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      AgentLog.warn(key.key() + "=" + shown(key, get(key)) + " is not a number; using " + key.defaultValue());
      return Integer.parseInt(key.defaultValue());
    }
  }

  public List<String> getList(ConfigKey key) {
    String value = get(key);
    List<String> list = new ArrayList<>();
    if (value != null) {
      Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(list::add);
    }
    return list;
  }

  /**
   * Every resolved key and where it came from, for the lifecycle event and the debug log. Values of
   * keys that look like secrets are masked.
   */
  public Map<String, String> summary() {
    Map<String, String> summary = new LinkedHashMap<>();
    values.forEach((key, value) -> summary.put(key.key(), isSecret(key.key()) ? "****" : value));
    return summary;
  }

  /** A value as it may appear in a log line: never a secret's. */
  static String shown(ConfigKey key, String value) {
    return isSecret(key.key()) ? "****" : value;
  }

  public String sourceOf(ConfigKey key) {
    return sources.get(key);
  }

  /**
   * Secrets by name: signing and HMAC keys, tokens, passwords. The MDC settings ({@code mcp.audit.mdc.*_key})
   * name log-context keys, not cryptographic ones, and are shown.
   */
  static boolean isSecret(String key) {
    ConfigKey known = ConfigKey.byKey(key);
    if (known != null && known.markedSecret()) {
      return true;
    }
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("secret") || k.contains("token") || k.contains("password")
        || (k.endsWith("key") && !k.startsWith("mcp.audit.mdc."));
  }

  private static Map<String, String> readFile(String path) {
    Map<String, String> result = new LinkedHashMap<>();
    if (path == null || path.isBlank()) {
      return result;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      AgentLog.warn("cannot read configuration file " + path + " (" + e + "); continuing without it");
      return result;
    }
    properties.stringPropertyNames().forEach(name -> result.put(name, properties.getProperty(name)));
    warnUnknown(result.keySet(), "configuration file entry");
    return result;
  }

  /**
   * Names unknown keys so typos can be found, but only strings shaped like a key: anything else may be a
   * piece of a value (of a secret, say) and is not echoed.
   */
  private static void warnUnknown(Iterable<String> keys, String where) {
    for (String key : keys) {
      if (ConfigKey.byKey(key) == null) {
        AgentLog.warn(key.matches("mcp\\.audit\\.[a-z0-9_.-]{1,64}")
            ? "unknown " + where + " " + key + " is ignored"
            : "an " + where + " that is not a known key is ignored (not shown: it may be part of a value)");
      }
    }
  }

  private static String firstNonNull(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    return null;
  }
}

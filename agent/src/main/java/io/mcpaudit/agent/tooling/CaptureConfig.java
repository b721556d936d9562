package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.pipeline.mapping.IdentitySettings;
import io.mcpaudit.exporter.privacy.CapturePolicy;
import io.mcpaudit.exporter.privacy.CapturePolicy.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns {@code mcp.audit.capture.*} and {@code mcp.audit.redact.*} into a {@link CapturePolicy}. A bad value is
 * reported and replaced by the safe default (names only, no result); a bad rule is reported and skipped.
 */
final class CaptureConfig {
  private static final Pattern DETECTOR_NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private CaptureConfig() {}

  static CapturePolicy policy(AgentConfig config) {
    Mode arguments = mode(config, ConfigKey.CAPTURE_ARGUMENTS, Mode.KEYS, Set.of(Mode.values()));
    Mode results = mode(config, ConfigKey.CAPTURE_RESULTS, Mode.NONE, Set.of(Mode.NONE, Mode.REDACTED, Mode.DIGEST));
    List<CapturePolicy.ToolRule> tools = new ArrayList<>();
    for (String entry : config.getList(ConfigKey.CAPTURE_TOOLS)) {
      int colon = entry.lastIndexOf(':');
      Mode mode = colon > 0 ? Mode.parse(entry.substring(colon + 1)) : null;
      if (mode == null || entry.substring(0, colon).isBlank()) {
        AgentLog.warn(ConfigKey.CAPTURE_TOOLS.key() + ": ignoring '" + entry
            + "' (expected <tool glob>:keys|digest|redacted|none)");
        continue;
      }
      tools.add(CapturePolicy.ToolRule.of(entry.substring(0, colon).trim(), mode));
    }
    Map<String, String> detectors = new LinkedHashMap<>();
    String inline = config.get(ConfigKey.REDACT_DETECTORS);
    if (inline != null) {
      for (String entry : inline.split(";")) {
        detector(entry, ConfigKey.REDACT_DETECTORS, detectors);
      }
    }
    String file = config.get(ConfigKey.REDACT_DETECTORS_FILE);
    if (file != null) {
      try {
        for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.trim().startsWith("#")) {
            detector(line, ConfigKey.REDACT_DETECTORS_FILE, detectors);
          }
        }
      } catch (IOException | RuntimeException e) {
        AgentLog.error(ConfigKey.REDACT_DETECTORS_FILE.key() + ": cannot read " + file + " ("
            + e.getClass().getSimpleName() + ")", null);
      }
    }
    Set<String> allowlist = new LinkedHashSet<>(config.getList(ConfigKey.REDACT_ALLOWLIST));
    List<String> keyNames = config.getList(ConfigKey.REDACT_KEY_NAMES);
    long maxBytes = config.getLong(ConfigKey.CAPTURE_MAX_BYTES);
    if (maxBytes < 256 || maxBytes > 1 << 20) {
      AgentLog.warn(ConfigKey.CAPTURE_MAX_BYTES.key() + "=" + maxBytes + " is outside 256..1048576; using "
          + Math.max(256, Math.min(maxBytes, 1 << 20)));
    }
    CapturePolicy draft = new CapturePolicy(arguments, results, (int) Math.max(256, Math.min(maxBytes, 1 << 20)),
        tools, detectors, allowlist, keyNames, null);
    byte[] key = null;
    if (draft.usesDigest()) {
      key = SecretValues.read(config, ConfigKey.CAPTURE_DIGEST_KEY, ConfigKey.CAPTURE_DIGEST_KEY_FILE);
      if (key == null) {
        AgentLog.info("no " + ConfigKey.CAPTURE_DIGEST_KEY.key() + " configured: payload digests use a key generated"
            + " for this process and cannot be compared across processes or restarts");
        key = IdentitySettings.randomKey();
      } else if (key.length < 32) {
        AgentLog.warn(ConfigKey.CAPTURE_DIGEST_KEY.key() + " is shorter than 32 bytes: low-entropy argument values"
            + " could be guessed back from their digests by whoever obtains the key");
      }
    }
    CapturePolicy policy = new CapturePolicy(arguments, results, draft.maxBytes(), tools, detectors, allowlist,
        keyNames, key);
    if (arguments != Mode.KEYS || results != Mode.NONE || !tools.isEmpty()) {
      AgentLog.info("payload capture: arguments=" + arguments.configName() + " results=" + results.configName()
          + (tools.isEmpty() ? "" : " tools=" + tools.stream().map(t -> t.glob() + ":" + t.mode().configName()).toList())
          + " (redaction policy " + policy.version() + ")");
    }
    return policy;
  }

  private static Mode mode(AgentConfig config, ConfigKey key, Mode fallback, Set<Mode> allowed) {
    String value = config.get(key);
    Mode mode = Mode.parse(value);
    if (mode == null || !allowed.contains(mode)) {
      AgentLog.warn(key.key() + "=" + value + " is not one of " + allowed.stream().map(Mode::configName).sorted().toList()
          + "; using " + fallback.configName());
      return fallback;
    }
    return mode;
  }

  /** {@code name=regex}. */
  private static void detector(String entry, ConfigKey key, Map<String, String> into) {
    int eq = entry.indexOf('=');
    String name = eq > 0 ? entry.substring(0, eq).trim() : "";
    String regex = eq > 0 ? entry.substring(eq + 1).trim() : "";
    if (!DETECTOR_NAME.matcher(name).matches() || regex.isEmpty()) {
      AgentLog.warn(key.key() + ": ignoring a detector (expected name=regex, the name in snake_case)");
      return;
    }
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      AgentLog.warn(key.key() + ": ignoring detector " + name + " (its regular expression does not compile)");
      return;
    }
    into.put(name, regex);
  }
}

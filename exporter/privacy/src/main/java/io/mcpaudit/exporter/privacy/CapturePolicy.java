package io.mcpaudit.exporter.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an event records of a call's arguments and result ({@code mcp.audit.capture.*}), and with which detectors
 * ({@code mcp.audit.redact.*}). Immutable; resolved by the agent's configuration.
 *
 * @param arguments the mode for arguments: keys (names only, the default), digest, redacted or none
 * @param results the mode for results: none (the default), redacted or digest
 * @param maxBytes about how much a redacted copy may take
 * @param tools per-tool overrides, in order: the first glob that matches a tool name decides both modes
 * @param userDetectors name → regular expression
 * @param allowlist values never replaced
 * @param extraKeyNames secret-sounding argument names beyond the built-in ones
 * @param digestKey the HMAC key of digests (never null when a digest mode is in use)
 */
public record CapturePolicy(Mode arguments, Mode results, int maxBytes, List<ToolRule> tools,
    Map<String, String> userDetectors, Set<String> allowlist, List<String> extraKeyNames, byte[] digestKey) {

  /** What is recorded of a value tree. */
  public enum Mode {
    /** Argument names only (arguments only). */
    KEYS,
    /** A keyed HMAC over the canonical form. */
    DIGEST,
    /** A copy with detected values replaced, cut to the budget. */
    REDACTED,
    /** Nothing. */
    NONE;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code keys|digest|redacted|none}, or null for anything else. */
    public static Mode parse(String value) {
      if (value == null) {
        return null;
      }
      for (Mode m : values()) {
        if (m.configName().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      return null;
    }
  }

  /** {@code <glob>:<mode>}: tools whose name matches get {@code mode} for arguments and results. */
  public record ToolRule(String glob, Pattern pattern, Mode mode) {
    public static ToolRule of(String glob, Mode mode) {
      return new ToolRule(glob, Pattern.compile(globRegex(glob)), mode);
    }

    /** The mode for results when this rule applies: {@code keys} records no result. */
    public Mode resultMode() {
      return mode == Mode.KEYS ? Mode.NONE : mode;
    }
  }

  public static final int DEFAULT_MAX_BYTES = 4096;

  public CapturePolicy {
    tools = List.copyOf(tools);
    userDetectors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(userDetectors));
    allowlist = Set.copyOf(allowlist);
    extraKeyNames = List.copyOf(extraKeyNames);
    maxBytes = Math.max(256, Math.min(maxBytes, 1 << 20));
  }

  public static CapturePolicy defaults() {
    return new CapturePolicy(Mode.KEYS, Mode.NONE, DEFAULT_MAX_BYTES, List.of(), Map.of(), Set.of(), List.of(), null);
  }

  /** The rule deciding for {@code tool}, or null when the global modes apply. */
  public ToolRule ruleFor(String tool) {
    if (tool == null) {
      return null;
    }
    for (ToolRule rule : tools) {
      if (rule.pattern.matcher(tool).matches()) {
        return rule;
      }
    }
    return null;
  }

  public Mode argumentsFor(String tool) {
    ToolRule rule = ruleFor(tool);
    return rule == null ? arguments : rule.mode;
  }

  public Mode resultsFor(String tool) {
    ToolRule rule = ruleFor(tool);
    return rule == null ? results : rule.resultMode();
  }

  /** Whether any mode in force needs the digest key. */
  public boolean usesDigest() {
    if (arguments == Mode.DIGEST || results == Mode.DIGEST) {
      return true;
    }
    for (ToolRule rule : tools) {
      if (rule.mode == Mode.DIGEST) {
        return true;
      }
    }
    return false;
  }

  /** The built-in detectors followed by the configured ones. */
  public Redactor redactor() {
    List<Detector> detectors = new ArrayList<>();
    userDetectors.forEach((name, regex) -> detectors.add(PatternDetector.user(name, regex)));
    detectors.addAll(SecretDetectors.create(true));
    return new Redactor(detectors, allowlist);
  }

  public KeyNames keyNames() {
    return new KeyNames(extraKeyNames);
  }

  /**
   * {@code default-v1.<8 hex>} with the built-in rules and modes, {@code custom-v1.<8 hex>} otherwise: the hex is
   * a hash of everything that decides what is replaced or recorded (the detectors with their patterns, the key
   * names, the allowlist, the modes, overrides and budget; never the digest key), so an auditor can tell which
   * rules applied to an event, and two events with the same string had the same ones.
   */
  public String version() {
    StringBuilder d = new StringBuilder("v1\n");
    for (String line : SecretDetectors.describe()) {
      d.append(line).append('\n');
    }
    userDetectors.forEach((name, regex) -> d.append("user ").append(name).append('=').append(regex).append('\n'));
    d.append("keys ").append(keyNames().words()).append('\n');
    allowlist.stream().sorted().forEach(v -> d.append("allow ").append(v).append('\n'));
    d.append("arguments ").append(arguments).append(" results ").append(results).append(" max ").append(maxBytes);
    tools.forEach(t -> d.append("\ntool ").append(t.glob).append(':').append(t.mode));
    boolean custom = !userDetectors.isEmpty() || !allowlist.isEmpty() || !extraKeyNames.isEmpty()
        || arguments != Mode.KEYS || results != Mode.NONE || maxBytes != DEFAULT_MAX_BYTES || !tools.isEmpty();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(d.toString().getBytes(StandardCharsets.UTF_8));
      return (custom ? "custom" : "default") + "-v1." + HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code export_*} → a regular expression: {@code *} any run, {@code ?} one character, the rest literal. */
  static String globRegex(String glob) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}

package io.mcpaudit.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:mcp-audit-agent.jar=key=value,key=value}. Keys may omit the
 * {@code mcp.audit.} prefix. Because list values contain commas themselves, a piece without an
 * {@code =} continues the previous value: {@code exporters=file,stdout,server.id=x} sets exporters to
 * {@code file,stdout}. A semicolon also separates.
 *
 * <p>After a key whose value is a secret ({@link AgentConfig#isSecret}), everything up to the next
 * known key belongs to that value, commas, semicolons and {@code =} included: a secret is never split
 * into pieces that could then be reported as unknown keys. (Secrets do not belong on a command line at
 * all; the README says so and offers environment variables and files.)
 */
public final class AgentArguments {
  private AgentArguments() {}

  public static Map<String, String> parse(String args) {
    Map<String, String> result = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return result;
    }
    String lastKey = null;
    int at = 0;
    while (at <= args.length()) {
      int end = nextSeparator(args, at);
      String piece = args.substring(at, end);
      char separator = end < args.length() ? args.charAt(end) : 0;
      int eq = piece.indexOf('=');
      String key = eq > 0 ? qualify(piece.substring(0, eq).trim()) : null;
      boolean inSecret = lastKey != null && AgentConfig.isSecret(lastKey);
      if (key != null && !(inSecret && ConfigKey.byKey(key) == null)) {
        lastKey = key;
        result.put(key, piece.substring(eq + 1).trim());
      } else if (lastKey != null && (inSecret || !piece.isBlank())) {
        // a list item, or (after a secret) a part of the secret that contained a separator
        String previous = result.get(lastKey);
        result.put(lastKey, inSecret ? previous + previousSeparator(args, at) + piece : previous + "," + piece.trim());
      }
      if (separator == 0) {
        break;
      }
      at = end + 1;
    }
    return result;
  }

  private static int nextSeparator(String args, int from) {
    for (int i = from; i < args.length(); i++) {
      char c = args.charAt(i);
      if (c == ',' || c == ';') {
        return i;
      }
    }
    return args.length();
  }

  private static String previousSeparator(String args, int pieceStart) {
    return pieceStart > 0 ? String.valueOf(args.charAt(pieceStart - 1)) : "";
  }

  private static String qualify(String key) {
    return key.startsWith("mcp.audit.") ? key : "mcp.audit." + key;
  }
}

package io.mcpaudit.agent.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code -javaagent:mcp-audit-agent.jar=key=value,key=value}. Keys may omit the
 * {@code mcp.audit.} prefix. Because list values contain commas themselves, a piece without an
 * {@code =} continues the previous value: {@code exporters=file,stdout,server.id=x} sets exporters to
 * {@code file,stdout}. A semicolon always separates.
 */
public final class AgentArguments {
  private AgentArguments() {}

  public static Map<String, String> parse(String args) {
    Map<String, String> result = new LinkedHashMap<>();
    if (args == null || args.isBlank()) {
      return result;
    }
    for (String group : args.split(";")) {
      String lastKey = null;
      for (String piece : group.split(",")) {
        int eq = piece.indexOf('=');
        if (eq > 0) {
          lastKey = qualify(piece.substring(0, eq).trim());
          result.put(lastKey, piece.substring(eq + 1).trim());
        } else if (lastKey != null && !piece.isBlank()) {
          result.put(lastKey, result.get(lastKey) + "," + piece.trim());
        }
      }
    }
    return result;
  }

  private static String qualify(String key) {
    return key.startsWith("mcp.audit.") ? key : "mcp.audit." + key;
  }
}

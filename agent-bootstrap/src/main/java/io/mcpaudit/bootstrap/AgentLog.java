package io.mcpaudit.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own log: one line per message on standard error, prefixed {@code [mcp-audit]}. It
 * never touches the application's logging framework (which may not be configured yet, or may be the
 * very thing being audited), and standard output stays clean for stdio MCP servers.
 */
public final class AgentLog {
  private static final Set<String> once = ConcurrentHashMap.newKeySet();
  private static volatile boolean debug = Boolean.getBoolean("mcp.audit.debug");

  private AgentLog() {}

  /** Agent only ({@link AgentCaller}): debug output includes stack traces. */
  public static void setDebug(boolean enabled) {
    if (AgentCaller.allowed("AgentLog.setDebug")) {
      debug = enabled;
    }
  }

  public static boolean isDebug() {
    return debug;
  }

  public static void debug(String message) {
    if (debug) {
      write("DEBUG", message);
    }
  }

  public static void info(String message) {
    write("INFO", message);
  }

  public static void warn(String message) {
    write("WARN", message);
  }

  public static void error(String message, Throwable t) {
    write("ERROR", message + (t == null ? "" : ": " + t));
    if (debug && t != null) {
      t.printStackTrace();
    }
  }

  /** Logs a warning the first time {@code key} is seen, and never again. */
  public static void warnOnce(String key, String message) {
    if (once.add(key)) {
      warn(message);
    }
  }

  private static void write(String level, String message) {
    try {
      System.err.println("[mcp-audit] " + level + " " + message);
    } catch (Throwable ignored) {
      // a closed or broken stderr must not hurt the application
    }
  }
}

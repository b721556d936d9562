package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.context.Propagation;
import java.util.List;

/** Turns the {@code mcp.audit.propagation.*} and {@code mcp.audit.mdc.*} keys into {@link Propagation} settings. */
final class PropagationConfig {
  /** The value that leaves an MDC key out (an empty value means "use the default"). */
  static final String NONE = "none";

  private PropagationConfig() {}

  static void apply(AgentConfig config) {
    String[] keys = {
        mdcKey(config, ConfigKey.MDC_CORRELATION_KEY),
        mdcKey(config, ConfigKey.MDC_TRACE_KEY),
        mdcKey(config, ConfigKey.MDC_TOOL_KEY)};
    boolean anyKey = keys[0] != null || keys[1] != null || keys[2] != null;
    List<String> correlationHeaders = config.getList(ConfigKey.CORRELATION_HEADERS);
    Propagation.configure(
        config.getBoolean(ConfigKey.PROPAGATION_ENABLED),
        anyKey ? keys : new String[0],
        config.getBoolean(ConfigKey.PROPAGATION_HTTP),
        correlationHeaders.isEmpty() ? null : correlationHeaders.get(0));
  }

  private static String mdcKey(AgentConfig config, ConfigKey key) {
    String value = config.get(key);
    return value == null || NONE.equalsIgnoreCase(value) ? null : value;
  }
}

package io.mcpaudit.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

  @Test
  void agentArgumentsKeepCommasInListValues() {
    assertThat(AgentArguments.parse("exporters=file,stdout,server.id=orders;mcp.audit.environment=prod"))
        .containsEntry("mcp.audit.exporters", "file,stdout")
        .containsEntry("mcp.audit.server.id", "orders")
        .containsEntry("mcp.audit.environment", "prod")
        .hasSize(3);
  }

  /**
   * A secret given as an agent argument is never split at its commas, semicolons or equals signs, so no
   * part of it can be taken for a key and echoed as unknown.
   */
  @Test
  void aSecretArgumentKeepsItsSeparatorsAndNoPartOfItIsEchoed() {
    String secret = "k3y,with;sep=arators,and=more";
    Map<String, String> args = AgentArguments.parse("identity.fingerprint_key=" + secret + ",server.id=orders");
    assertThat(args).containsEntry("mcp.audit.identity.fingerprint_key", secret)
        .containsEntry("mcp.audit.server.id", "orders").hasSize(2);

    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true));
    try {
      AgentConfig.load(AgentArguments.parse("identity.fingerprint_key=" + secret), k -> null, k -> null);
      // an unknown piece that is not shaped like a key is reported without its text
      AgentConfig.load(Map.of("mcp.audit.x=y;z", "v"), k -> null, k -> null);
    } finally {
      System.setErr(original);
    }
    assertThat(err.toString()).doesNotContain("with").doesNotContain("arators").doesNotContain("more")
        .doesNotContain("y;z").contains("not a known key");
  }

  @Test
  void precedenceIsArgumentsThenSystemPropertiesThenEnvironmentThenFileThenDefaults(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("audit.properties");
    Files.writeString(file, String.join("\n",
        "mcp.audit.server.id=from-file",
        "mcp.audit.environment=from-file",
        "mcp.audit.file.path=from-file",
        "mcp.audit.queue.size=64"));
    Map<String, String> sys = Map.of(
        "mcp.audit.server.id", "from-sysprop",
        "mcp.audit.environment", "from-sysprop",
        "mcp.audit.config", file.toString());
    Map<String, String> env = Map.of(
        "MCP_AUDIT_SERVER_ID", "from-env",
        "MCP_AUDIT_ENVIRONMENT", "from-env",
        "MCP_AUDIT_FILE_PATH", "from-env");

    AgentConfig config = AgentConfig.load(
        AgentArguments.parse("server.id=from-args"), sys::get, env::get);

    assertThat(config.get(ConfigKey.SERVER_ID)).isEqualTo("from-args");
    assertThat(config.get(ConfigKey.ENVIRONMENT)).isEqualTo("from-sysprop");
    assertThat(config.get(ConfigKey.FILE_PATH)).isEqualTo("from-env");
    assertThat(config.getInt(ConfigKey.QUEUE_SIZE)).isEqualTo(64);
    assertThat(config.get(ConfigKey.EXPORTERS)).isEqualTo("file");
    assertThat(config.sourceOf(ConfigKey.EXPORTERS)).isEqualTo("default");
    assertThat(config.getBoolean(ConfigKey.ENABLED)).isTrue();
  }

  @Test
  void keyWithoutDefaultIsAbsentUnlessSet() {
    AgentConfig config = AgentConfig.load(Map.of(), k -> null, k -> null);
    assertThat(config.get(ConfigKey.SERVER_ID)).isNull();
    assertThat(config.summary()).doesNotContainKey("mcp.audit.server.id");
  }

  @Test
  void environmentNamesFollowTheConvention() {
    assertThat(ConfigKey.FILE_PATH.envName()).isEqualTo("MCP_AUDIT_FILE_PATH");
    assertThat(ConfigKey.CORRELATION_HEADERS.envName()).isEqualTo("MCP_AUDIT_CORRELATION_HEADERS");
  }

  @Test
  void secretLookingKeysAreMaskedInTheSummary() {
    assertThat(AgentConfig.isSecret("mcp.audit.identity.fingerprint_key")).isTrue();
    assertThat(AgentConfig.isSecret("mcp.audit.otlp.token")).isTrue();
    assertThat(AgentConfig.isSecret("mcp.audit.file.path")).isFalse();
    assertThat(AgentConfig.isSecret("mcp.audit.mdc.correlation_key")).isFalse(); // a log-context key name

    AgentConfig config = AgentConfig.load(Map.of(),
        Map.of("mcp.audit.identity.fingerprint_key", "very-secret-key")::get, k -> null);
    assertThat(config.get(ConfigKey.FINGERPRINT_KEY)).isEqualTo("very-secret-key");
    assertThat(config.summary()).containsEntry("mcp.audit.identity.fingerprint_key", "****")
        .doesNotContainValue("very-secret-key");
  }

  @Test
  void readmeDocumentsEveryKeyWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("readme.path")));
    for (ConfigKey key : ConfigKey.values()) {
      String row = readme.lines()
          .filter(line -> line.startsWith("| `" + key.key() + "`"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("README has no row for " + key.key()));
      String expectedDefault = key.defaultValue() == null ? "(none)" : "`" + key.defaultValue() + "`";
      assertThat(row).as(key.key()).contains(expectedDefault).contains("`" + key.envName() + "`");
    }
  }
}

package io.mcpaudit.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentStarterTest {
  @TempDir
  Path dir;

  /**
   * If instrumenting fails after the pipeline has started (and written its start event), the pipeline is
   * stopped, so the trail ends with a stop event instead of just breaking off.
   */
  @Test
  void aFailedInstallationStopsThePipelineItStarted() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Instrumentation broken = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
          throw new UnsupportedOperationException("this JVM refuses " + method.getName());
        });
    String stderr = captureStderr(() -> AgentStarter.start(broken, "file.path=" + file, getClass().getClassLoader()));

    assertThat(stderr).contains("agent failed to start");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains("\"phase\":\"start\"");
    assertThat(lines.get(1)).contains("\"phase\":\"stop\"");
    assertThat(lines.get(2)).contains("\"integrity_checkpoint\"").contains("\"final\":true");
  }

  @Test
  void aQueueSizeOutsideItsRangeIsClampedWithAWarning() throws Exception {
    for (Object[] c : List.of(new Object[] {"0", 64}, new Object[] {"-5", 64}, new Object[] {"100000000", 262_144},
        new Object[] {"4096", 4096})) {
      AgentConfig config = AgentConfig.load(Map.of("mcp.audit.queue.size", (String) c[0]), k -> null, k -> null);
      int[] size = new int[1];
      String stderr = captureStderr(() -> size[0] = AgentStarter.queueSize(config));
      assertThat(size[0]).isEqualTo(c[1]);
      assertThat(stderr.contains("outside 64..262144")).as((String) c[0]).isEqualTo(!c[0].equals("4096"));
    }
  }

  @Test
  void credentialHeadersAreNeverIdentityHeaders() throws Exception {
    AgentConfig config = AgentConfig.load(Map.of(ConfigKey.IDENTITY_HEADERS.key(),
        "leak:Authorization,jar:Cookie,proxy:Proxy-Authorization,set:Set-Cookie,tok:X-Auth-Token,"
            + "key:X-Api-Key,workload_id:X-Workload-Id,tenant:X-Tenant"), k -> null, k -> null);
    Map<String, String>[] headers = new Map[1];
    String stderr = captureStderr(() -> headers[0] = IdentityConfig.headers(config));
    assertThat(headers[0]).containsOnlyKeys("workload_id", "tenant");
    assertThat(stderr).contains("'leak:Authorization'").contains("carries credentials");
  }

  private static String captureStderr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}

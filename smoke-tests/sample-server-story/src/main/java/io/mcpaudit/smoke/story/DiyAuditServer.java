package io.mcpaudit.smoke.story;

import io.mcpaudit.smoke.app.SampleServer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "do it yourself" alternative the benchmarks compare against: the sample server with a
 * hand-written interceptor around every tool handler that builds a JSON audit record and logs it
 * synchronously through SLF4J/Logback to a file (run with {@code -Dlogback.configurationFile=diy-logback.xml}
 * and {@code -Ddiy.audit.file=...}), the way an application team would add auditing by hand.
 */
public final class DiyAuditServer {
  private static final Logger audit = LoggerFactory.getLogger("audit");
  private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();

  private DiyAuditServer() {}

  public static void main(String[] args) throws Exception {
    SampleServer.interceptToolCalls((tool, arguments, call) -> {
      long start = System.nanoTime();
      String outcome = "success";
      try {
        var result = call.get();
        if (Boolean.TRUE.equals(result.isError())) {
          outcome = "tool_error";
        }
        return result;
      } catch (RuntimeException e) {
        outcome = "failure";
        throw e;
      } finally {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("timestamp", Instant.now().toString());
        record.put("tool", tool);
        record.put("argument_keys", arguments == null ? null : arguments.keySet());
        record.put("outcome", outcome);
        record.put("duration_ms", (System.nanoTime() - start) / 1e6);
        try {
          audit.info(JSON.writeValueAsString(record));
        } catch (Exception e) {
          audit.warn("could not write audit record", e);
        }
      }
    });
    SampleServer.main(args);
  }
}

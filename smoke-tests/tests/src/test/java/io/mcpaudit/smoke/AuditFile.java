package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The agent's JSON-lines output, every line parsed strictly. */
final class AuditFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  final String raw;
  final List<JsonNode> events = new ArrayList<>();

  private AuditFile(String raw) throws IOException {
    this.raw = raw;
    for (String line : raw.split("\n")) {
      JsonNode node = MAPPER.readTree(line);
      if (node == null || !node.isObject()) {
        throw new AssertionError("not a JSON object line: " + line);
      }
      events.add(node);
    }
  }

  static AuditFile read(Path file) throws IOException {
    return new AuditFile(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The file once the agent has written its stop event (a server's shutdown hook may still be flushing
   * when its client returns), checked for the one count that must always be zero: advice that threw.
   * {@code diagnostics} is shown if the stop event never comes.
   */
  static AuditFile awaitStopped(Path file, Supplier<String> diagnostics) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.endsWith("\n") && text.lines().reduce((a, b) -> b).orElse("").contains("\"phase\":\"stop\"")) {
          AuditFile audit = new AuditFile(text);
          assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).as("advice errors in " + file).isZero();
          return audit;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no stop event in " + file + "\n" + diagnostics.get());
      }
      Thread.sleep(100);
    }
  }

  List<JsonNode> activities() {
    return events.stream().filter(e -> e.path("event_type").asText().equals("mcp_activity")).toList();
  }

  List<JsonNode> activities(String operation) {
    return activities().stream().filter(e -> e.at("/activity/mcp_operation").asText().equals(operation)).toList();
  }

  JsonNode toolCall(String tool) {
    return activities("tools/call").stream().filter(e -> e.at("/activity/tool_name").asText().equals(tool))
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no tools/call event for " + tool + "\n" + raw));
  }

  JsonNode first() {
    return events.get(0);
  }

  JsonNode last() {
    return events.get(events.size() - 1);
  }
}

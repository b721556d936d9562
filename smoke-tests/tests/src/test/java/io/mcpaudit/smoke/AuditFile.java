package io.mcpaudit.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

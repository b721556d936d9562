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

  /** What {@code java -jar mcp-audit-agent.jar verify --json} said about a file: exit code and report. */
  record Verdict(int exitCode, JsonNode report, String output) {
    String status() {
      return report.path("status").asText();
    }

    /** The first finding that fails the verdict (an error, or the trail being incomplete). */
    JsonNode problem() {
      for (JsonNode f : report.path("findings")) {
        if (!f.path("severity").asText().equals("info")) {
          return f;
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
  }

  /** Runs the agent jar's {@code verify} command, as a user would. */
  static Verdict verify(List<String> options, Path... files) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", SampleApp.agentJar().toString(), "verify", "--json"));
    command.addAll(options);
    for (Path file : files) {
      command.add(file.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    JsonNode report;
    try {
      report = MAPPER.readTree(output);
    } catch (IOException notJson) {
      report = MAPPER.createObjectNode();
    }
    return new Verdict(code, report == null ? MAPPER.createObjectNode() : report, output);
  }

  /** A cleanly stopped trail must verify as intact: this proves the chain on every transport a smoke test runs. */
  static void assertIntact(Path file) throws Exception {
    Verdict verdict = verify(List.of(), file);
    assertThat(verdict.exitCode()).as("verify " + file + ":\n" + verdict.output()).isZero();
    assertThat(verdict.status()).isEqualTo("intact");
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
        String lastLine = text.lines().reduce((a, b) -> b).orElse("");
        boolean sealed = lastLine.contains("\"event_type\":\"integrity_checkpoint\"") && lastLine.contains("\"final\":true");
        if (text.endsWith("\n") && (sealed || lastLine.contains("\"phase\":\"stop\"") && !text.contains("\"integrity\":{"))) {
          AuditFile audit = new AuditFile(text);
          assertThat(audit.last().at("/lifecycle/phase").asText()).as("the stop event comes before the final checkpoint")
              .isEqualTo("stop");
          assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).as("advice errors in " + file).isZero();
          if (sealed && !text.contains("\"hash\":\"hmac-sha256:")) { // a keyed trail is verified by its test, with the key
            assertIntact(file);
          }
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

  /** The last event before the final integrity checkpoint (the stop event, after a clean stop). */
  JsonNode last() {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (!events.get(i).path("event_type").asText().equals("integrity_checkpoint")) {
        return events.get(i);
      }
    }
    throw new AssertionError("no event");
  }
}

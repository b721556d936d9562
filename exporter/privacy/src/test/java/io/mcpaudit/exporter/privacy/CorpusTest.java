package io.mcpaudit.exporter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The measure: every planted secret of {@code corpus/secrets.jsonl}, at every nesting depth of an argument
 * object, never reaches a redacted copy; fewer than 2 % of the ordinary values of {@code corpus/ordinary.txt} are
 * touched.
 */
class CorpusTest {
  static final JsonFactory JSON = new JsonFactory();

  record Planted(String kind, String key, String value, String text) {
    String sent() {
      return text != null ? text : value;
    }
  }

  static List<Planted> secrets() throws IOException {
    List<Planted> out = new ArrayList<>();
    try (BufferedReader in = reader("corpus/secrets.jsonl")) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
          p.nextToken();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            fields.put(name, p.getText());
          }
        }
        out.add(new Planted(fields.get("kind"), fields.get("key"), fields.get("value"), fields.get("text")));
      }
    }
    return out;
  }

  static List<String> ordinary() throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = reader("corpus/ordinary.txt")) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("# ")) {
          out.add(line);
        }
      }
    }
    return out;
  }

  private static BufferedReader reader(String resource) {
    return new BufferedReader(new InputStreamReader(CorpusTest.class.getClassLoader().getResourceAsStream(resource),
        StandardCharsets.UTF_8));
  }

  /** {@code value} under {@code key}, {@code depth} containers down (maps and lists in turn), with ordinary neighbours. */
  static Map<String, Object> nested(String key, Object value, int depth) {
    Map<String, Object> leaf = new LinkedHashMap<>();
    leaf.put("id", "n-" + depth);
    leaf.put(key, value);
    Object current = leaf;
    for (int d = 0; d < depth; d++) {
      if (d % 2 == 0) {
        current = new ArrayList<>(List.of("x", current));
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", d);
        m.put("child", current);
        current = m;
      }
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("customer_id", "c-42");
    top.put("payload", current);
    return top;
  }

  private final CapturePolicy policy = CapturePolicy.defaults();
  private final Payloads payloads = new Payloads(policy.redactor(), policy.keyNames(), new byte[32]);

  @Test
  void noPlantedSecretLeaksAtAnyDepth() throws IOException {
    List<Planted> secrets = secrets();
    Set<String> kinds = new TreeSet<>();
    secrets.forEach(s -> kinds.add(s.kind));
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(120);
    assertThat(kinds).hasSizeGreaterThanOrEqualTo(15);
    List<String> leaks = new ArrayList<>();
    List<String> wrongKind = new ArrayList<>();
    int checks = 0;
    for (Planted s : secrets) {
      String key = s.key.equals("-") ? "note" : s.key;
      for (int depth = 0; depth <= Payloads.MAX_COPY_DEPTH + 2; depth++) {
        for (int budget : new int[] {CapturePolicy.DEFAULT_MAX_BYTES, 1 << 20}) {
          int[] counts = payloads.newCounts();
          Payloads.Copy copy = payloads.redacted(nested(key, s.sent(), depth), budget, counts);
          checks++;
          assertValidJson(copy.json);
          if (copy.json.contains(s.value) || (s.value.length() > 12 && copy.json.contains(s.value.substring(0, 12))
              && !s.kind.equals("sensitive_key"))) {
            leaks.add(s.kind + " at depth " + depth + ": " + copy.json);
          }
          if (depth == 0 && budget > 4096 && !copy.json.contains("[REDACTED:" + s.kind + "]")) {
            wrongKind.add(s.kind + " -> " + copy.json);
          }
        }
      }
    }
    System.out.println("corpus: " + secrets.size() + " planted secrets of " + kinds.size() + " kinds, " + checks
        + " copies checked, " + leaks.size() + " leaks");
    assertThat(leaks).isEmpty();
    assertThat(wrongKind).as("each planted value is replaced by the detector of its kind").isEmpty();
  }

  @Test
  void ordinaryValuesStayAsTheyAre() throws IOException {
    List<String> values = ordinary();
    assertThat(values).hasSizeGreaterThanOrEqualTo(60);
    List<String> redacted = new ArrayList<>();
    for (String value : values) {
      int[] counts = payloads.newCounts();
      Payloads.Copy copy = payloads.redacted(nested("value", value, 3), 1 << 20, counts);
      if (copy.replaced > 0 || copy.json.contains("[REDACTED:")) {
        redacted.add(value + " -> " + copy.json);
      }
    }
    double rate = 100.0 * redacted.size() / values.size();
    System.out.println("corpus: " + values.size() + " ordinary values, " + redacted.size() + " redacted ("
        + String.format("%.1f", rate) + " %) " + redacted);
    assertThat(rate).as(redacted.toString()).isLessThan(2.0);
  }

  static void assertValidJson(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      while (p.nextToken() != null) {
        // reads every token: throws on invalid JSON
      }
    }
  }
}

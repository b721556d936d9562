package io.mcpaudit.exporter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redacted copies, digests and sizes of hostile and ordinary shapes. */
class PayloadsTest {
  private final CapturePolicy policy = CapturePolicy.defaults();
  private final Payloads payloads = new Payloads(policy.redactor(), policy.keyNames(), "k".repeat(32).getBytes());

  @Test
  void aCopyKeepsOrdinaryValuesAndReplacesDetectedOnes() {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("customer_id", "c-42");
    args.put("limit", 10);
    args.put("contact", "write to alice@example.com");
    args.put("apiKey", "short");
    args.put("card", 4111111111111111L);
    args.put("flags", List.of(true, false));
    int[] counts = payloads.newCounts();
    Payloads.Copy copy = payloads.redacted(args, 4096, counts);
    assertThat(copy.json).isEqualTo("{\"customer_id\":\"c-42\",\"limit\":10,\"contact\":\"write to [REDACTED:email]\","
        + "\"apiKey\":\"[REDACTED:sensitive_key]\",\"card\":\"[REDACTED:payment_card]\",\"flags\":[true,false]}");
    assertThat(copy.truncated).isFalse();
    assertThat(copy.replaced).isEqualTo(3);
    String[] names = payloads.countNames();
    Map<String, Integer> byName = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        byName.put(names[i], counts[i]);
      }
    }
    assertThat(byName).containsExactly(Map.entry("email", 1), Map.entry("payment_card", 1),
        Map.entry("sensitive_key", 1));
  }

  @Test
  void hostileShapesGiveBoundedValidJson() throws Exception {
    Object deep = "bottom";
    for (int i = 0; i < 20_000; i++) {
      deep = i % 2 == 0 ? List.of(deep) : Map.of("d", deep);
    }
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("deep", deep);
    args.put("huge", "v".repeat(1 << 20));
    args.put("bad\uD800key", "lone \uDC00 surrogates \uD83D");
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      many.add("item" + i);
    }
    args.put("many", many);
    for (int budget : new int[] {4096, 1 << 20}) {
      Payloads.Copy copy = payloads.redacted(args, budget, payloads.newCounts());
      CorpusTest.assertValidJson(copy.json);
      assertThat(copy.truncated).isTrue();
      assertThat(copy.json.getBytes(StandardCharsets.UTF_8).length).isLessThan(budget + 2048);
      assertThat(copy.json).doesNotContain("bottom");
    }
    assertThat(payloads.digest(args)).matches("hmac-sha256:[0-9a-f]{64}");
    assertThat(payloads.size(Map.of("huge", "v".repeat(1 << 20)))).isEqualTo((1 << 20) + 11);
  }

  @Test
  void aDigestIsCanonicalAndKeyed() {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("b", List.of(1, 2.50, "x"));
    a.put("a", Map.of("z", true, "y", 1.0));
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("a", Map.of("y", 1, "z", true));
    b.put("b", List.of(1L, new java.math.BigDecimal("2.5"), "x"));
    assertThat(payloads.digest(a)).isEqualTo(payloads.digest(b));
    assertThat(payloads.digest(Map.of("a", 1))).isNotEqualTo(payloads.digest(Map.of("a", 2)));
    Payloads otherKey = new Payloads(policy.redactor(), policy.keyNames(), "j".repeat(32).getBytes());
    assertThat(otherKey.digest(a)).isNotEqualTo(payloads.digest(a));
  }

  @Test
  void recordsAreReadByTheirComponentsWithTheirKind() {
    record Text(String text) {
      public String type() {
        return "text";
      }
    }
    record Result(List<Object> content, Boolean isError) {}
    Payloads.Copy copy = payloads.redacted(new Result(List.of(new Text("mail bob@example.org")), false), 4096,
        payloads.newCounts());
    assertThat(copy.json).isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"mail [REDACTED:email]\"}],\"isError\":false}");
  }

  @Test
  void userDetectorsAndTheAllowlistApply() {
    CapturePolicy custom = new CapturePolicy(CapturePolicy.Mode.REDACTED, CapturePolicy.Mode.NONE, 4096, List.of(),
        Map.of("employee_id", "EMP-[0-9]{6}"), java.util.Set.of("support@example.com"), List.of("internal_ref"), null);
    Payloads p = new Payloads(custom.redactor(), custom.keyNames(), null);
    Payloads.Copy copy = p.redacted(Map.of("who", "EMP-123456 via support@example.com or eve@example.com"), 4096,
        p.newCounts());
    assertThat(copy.json).isEqualTo(
        "{\"who\":\"[REDACTED:employee_id] via support@example.com or [REDACTED:email]\"}");
    assertThat(p.redacted(Map.of("internalRef", "abc"), 4096, p.newCounts()).json)
        .isEqualTo("{\"internalRef\":\"[REDACTED:sensitive_key]\"}");
    assertThat(custom.version()).startsWith("custom-v1.").isNotEqualTo(CapturePolicy.defaults().version());
    assertThat(CapturePolicy.defaults().version()).matches("default-v1\\.[0-9a-f]{8}");
  }
}

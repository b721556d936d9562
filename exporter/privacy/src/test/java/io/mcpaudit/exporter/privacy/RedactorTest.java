package io.mcpaudit.exporter.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The first detector set: planted values of every kind are replaced, ordinary ids and words stay. */
class RedactorTest {
  private final Redactor redactor = Redactor.standard();

  @ParameterizedTest
  @ValueSource(strings = {
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLXZhbHVl",
      "Bearer 2YotnFZFEjr1zCsicMWpAA",
      "basic YWxpY2U6aHVudGVyMg==",
      "https://alice:s3cr3t@db.example.com/x",
      "AKIA2E0A8F3B244C9986",
      "ghp_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO2rINUx",
      "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
      "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
      "sk_live_51H8d2kLmN0pQrStUvWxYz",
      "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
      "alice@example.com",
      "078-05-1120",
      "4111 1111 1111 1111",
      "5555-5555-5555-4444",
      "378282246310005",
      "q8Z2vN5xL1pR7tY3wK9mB4cF6hJ0sD2g"})
  void plantedValuesAreReplacedByTheirKind(String secret) {
    String text = "lookup failed for " + secret + " at step 3";
    String redacted = redactor.redact(text);
    assertThat(redacted).doesNotContain(secret).contains(Redactor.PLACEHOLDER_PREFIX)
        .startsWith("lookup failed for ").endsWith(" at step 3");
    assertThat(redactor.firstKind(secret)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Unknown tool: lookup_customer",
      "Resource not found: sample://hello",
      "Invalid params: missing field 'customer_id'",
      "550e8400-e29b-41d4-a716-446655440000",
      "da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "io.modelcontextprotocol.spec.McpError",
      "2026-12-02T07:12:58.123456Z",
      "version 2.1.0 of mcp-core",
      "4111111111111112",
      "/var/lib/app/data/orders.db",
      "session 8f14e45f-ceea-467f-a0e6-0a1c6e5c1a9b closed",
      // paths, dotted names and ids with digits: scored piece by piece, not as one random-looking run
      "file:///srv/data/reports/2026/q3-summary.pdf",
      "s3://acme-prod-2/invoices/2026/11/INV-0042.pdf",
      "db://orders/customers/12345678/profile",
      "org.h2.jdbc.JdbcSQLSyntaxErrorException",
      "/home/alice/projects/mcp-server2/src/main/java/App.java",
      "orders-api-7f9c6d8b5-x2kq9-prod1",
      "io.modelcontextprotocol.server.McpAsyncServer$AsyncServerImpl2"})
  void ordinaryValuesStay(String text) {
    assertThat(redactor.redact(text)).isEqualTo(text);
    assertThat(redactor.firstKind(text)).isNull();
  }

  @Test
  void aLongOpaqueTokenIsFoundWhateverItsLength() {
    String token = "q8Z2vN5xL1pR7tY3wK9mB4cF6hJ0sD2g".repeat(20); // 640 characters
    assertThat(redactor.redact("token " + token + " expired")).isEqualTo("token [REDACTED:high_entropy_token] expired");
  }

  @Test
  void theCredentialOnlySetLeavesPersonalDataToTheCaller() {
    assertThat(Redactor.credentials().firstKind("alice@example.com")).isNull();
    assertThat(Redactor.credentials().firstKind("sk_live_51H8d2kLmN0pQrStUvWxYz")).isEqualTo("stripe_key");
    assertThat(redactor.firstKind("alice@example.com")).isEqualTo("email");
  }

  @Test
  void aKeyCutShortTakesEverythingAfterIt() {
    assertThat(redactor.redact("bad key -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7 and more"))
        .isEqualTo("bad key [REDACTED:pem_private_key]");
  }

  @Test
  void everyKindIsNamedInItsPlaceholder() {
    String redacted = redactor.redact("card 4111111111111111 mail bob@example.org key AKIA2E0A8F3B244C9986");
    assertThat(redacted).isEqualTo("card [REDACTED:payment_card] mail [REDACTED:email] key [REDACTED:aws_access_key_id]");
  }

  @Test
  void hostileInputStaysBoundedAndLinear() {
    String hostile = "a@".repeat(50_000) + "x".repeat(50_000) + "4 ".repeat(20_000);
    long start = System.nanoTime();
    String redacted = redactor.redact(hostile);
    assertThat(redacted.length()).isLessThanOrEqualTo(Redactor.MAX_SCAN_CHARS + 64);
    assertThat(System.nanoTime() - start).as("no catastrophic backtracking").isLessThan(5_000_000_000L);
  }

  @Test
  void luhnAndEntropyChecks() {
    assertThat(SecretDetectors.luhn("4111111111111111")).isTrue();
    assertThat(SecretDetectors.luhn("4111111111111112")).isFalse();
    assertThat(SecretDetectors.luhn("0000000000000000")).isFalse();
    assertThat(SecretDetectors.looksRandom("q8Z2vN5xL1pR7tY3wK9mB4cF6hJ0sD2g")).isTrue();
    assertThat(SecretDetectors.looksRandom("aaaaaaaaaaaaaaaaaaaaaaaaaaaa1111")).isFalse();
    assertThat(SecretDetectors.names()).doesNotHaveDuplicates();
  }
}

package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.Ids;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HttpIdentityTest {
  private static final byte[] KEY = "deployment-secret".getBytes(StandardCharsets.UTF_8);

  private static ActivityEvent map(HttpRequestInfo http, List<String> trusted, List<String> identityFields) {
    IdentitySettings settings = new IdentitySettings(
        trusted.stream().map(Cidr::parse).toList(), identityFields, KEY);
    ActivityMapper mapper = new ActivityMapper(new Ids(), new Clock(), settings);
    ServerCall call = new ServerCall(ServerCall.ENGINE_STATELESS, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/list", 1, Map.of()), null, http);
    ActivityEvent event = new ActivityEvent();
    mapper.map(call, event);
    return event;
  }

  private static HttpRequestInfo from(String peer) {
    HttpRequestInfo http = new HttpRequestInfo();
    http.remoteAddr = peer;
    http.remotePort = 40000;
    return http;
  }

  private static HttpRequestInfo via(String peer, String forwarded, boolean rfc7239) {
    HttpRequestInfo http = from(peer);
    http.forwarded = forwarded;
    http.forwardedRfc7239 = rfc7239;
    return http;
  }

  @Test
  void forwardedHeadersAreBelievedOnlyFromTrustedProxies() {
    ActivityEvent trusted = map(via("10.0.0.5", "203.0.113.7, 198.51.100.9, 10.0.0.4", false), List.of("10.0.0.0/8"), List.of());
    assertThat(trusted.sourceIp).isEqualTo("198.51.100.9"); // nearest hop that is not a trusted proxy
    assertThat(trusted.forwardedFor).as("the hops proxies vouch for").containsExactly("198.51.100.9", "10.0.0.4");
    assertThat(trusted.sourcePort).isEqualTo(-1);

    ActivityEvent untrusted = map(via("192.0.2.50", "203.0.113.7", false), List.of("10.0.0.0/8"), List.of());
    assertThat(untrusted.sourceIp).isEqualTo("192.0.2.50");
    assertThat(untrusted.forwardedFor).isEmpty();
    assertThat(untrusted.sourcePort).isEqualTo(40000);

    ActivityEvent v6 = map(via("fd00::1", "for=\"[2001:db8::17]:4711\";proto=https, for=10.1.1.1", true),
        List.of("fd00::/8", "10.0.0.0/8"), List.of());
    assertThat(v6.sourceIp).isEqualTo("2001:db8::17");
    assertThat(v6.forwardedFor).containsExactly("2001:db8::17", "10.1.1.1");
  }

  /** Probed: 16 forged hops before the address the proxy appended named the 16th forged hop. */
  @Test
  void forgedHopsBeforeTheProxysOwnAreIgnoredWhateverTheirNumber() {
    StringBuilder forged = new StringBuilder();
    for (int i = 1; i <= 40; i++) {
      forged.append("6.6.6.").append(i).append(", ");
    }
    ActivityEvent e = map(via("10.0.0.5", forged + "203.0.113.7", false), List.of("10.0.0.0/8"), List.of());
    assertThat(e.sourceIp).isEqualTo("203.0.113.7");
    assertThat(e.forwardedFor).containsExactly("203.0.113.7");

    // all trusted: the farthest hop is the best that is known, and only the nearest hops are kept
    StringBuilder proxies = new StringBuilder("203.0.113.7");
    for (int i = 1; i <= 30; i++) {
      proxies.append(", 10.0.1.").append(i);
    }
    ActivityEvent chain = map(via("10.0.0.5", proxies.toString(), false), List.of("10.0.0.0/8", "203.0.113.0/24"), List.of());
    assertThat(chain.sourceIp).isEqualTo("203.0.113.7");
    assertThat(chain.forwardedFor).hasSize(ClientAddress.MAX_HOPS).endsWith("10.0.1.30");
  }

  /** The header the proxy manages is configured: a Forwarded header the client wrote is never read for XFF. */
  @Test
  void onlyTheConfiguredHeaderCountsAndEveryLineOfIt() {
    // the capture reads only the configured header; a client-forged Forwarded is not even copied
    ActivityEvent xff = map(via("10.0.0.5", "203.0.113.7", false), List.of("10.0.0.0/8"), List.of());
    assertThat(xff.sourceIp).isEqualTo("203.0.113.7");

    // two header lines, joined in order: the client's line first, the proxy's line last
    ActivityEvent lines = map(via("10.0.0.5", "6.6.6.6, 203.0.113.7", false), List.of("10.0.0.0/8"), List.of());
    assertThat(lines.sourceIp).isEqualTo("203.0.113.7");

    // Forwarded elements without for= are skipped; obfuscated identifiers are untrusted hops
    ActivityEvent rfc = map(via("10.0.0.5", "for=6.6.6.6, proto=https, for=_hidden, for=10.0.0.9", true),
        List.of("10.0.0.0/8"), List.of());
    assertThat(rfc.sourceIp).isEqualTo("_hidden");
  }

  @Test
  void cidrsAcceptOnlyAddressLiterals() {
    assertThat(Cidr.parse("10.0.0.0/8").contains("10.200.3.4")).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").contains("11.0.0.1")).isFalse();
    assertThat(Cidr.parse("192.168.1.0/25").contains("192.168.1.130")).isFalse();
    assertThat(Cidr.parse("127.0.0.1").contains("127.0.0.1")).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains("fd12::1")).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").contains("internal-host.example")).isFalse();
    assertThatThrownBy(() -> Cidr.parse("proxy.example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/40")).isInstanceOf(IllegalArgumentException.class);
    // strings that only look like addresses, which InetAddress.getByName might resolve through DNS
    for (String notLiteral : List.of(".:1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1::2::3", ":1", "1:", "[::1", "::g",
        "1:2:3:4:5:6:7:8:9", "01234::1", "1.2.3.4%eth0", "")) {
      assertThat(IpLiteral.parse(notLiteral)).as(notLiteral).isNull();
    }
    assertThat(IpLiteral.parse("::")).hasSize(16);
    assertThat(IpLiteral.parse("::ffff:192.0.2.1")).containsExactly(192, 0, 2, 1);
    assertThat(IpLiteral.parse("[2001:db8::1]")).hasSize(16);
    assertThat(IpLiteral.parse("1:2:3:4:5:6:7::")).hasSize(16);
    assertThat(IpLiteral.parse("2001:db8:0:0:0:0:2:1")).isEqualTo(IpLiteral.parse("2001:db8::2:1"));
  }

  @Test
  void jwtClaimsAreDecodedAndTheTokenOnlyFingerprinted() throws Exception {
    String payload = "{\"sub\":\"user-123\",\"azp\":\"frontend-prod\",\"iss\":\"https://idp.example\","
        + "\"exp\":1798761600,\"scope\":[\"a\",\"b\"],\"nested\":{\"x\":1}}";
    String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    HttpRequestInfo http = from("127.0.0.1");
    http.setAuthorization("Bearer " + token);
    ActivityEvent e = map(http, List.of(), List.of());

    assertThat(e.authScheme).isEqualTo("bearer");
    assertThat(e.principal).isEqualTo("user-123");
    assertThat(e.clientAppId).isEqualTo("frontend-prod");
    assertThat(e.tokenIssuer).isEqualTo("https://idp.example");
    assertThat(e.tokenExpiresAt).isEqualTo("2027-01-01T00:00:00.000000Z");
    assertThat(e.tokenFingerprint).isEqualTo(expectedFingerprint(token)).doesNotContain(token);
  }

  @Test
  void basicKeepsTheUserNameNeverThePassword() {
    HttpRequestInfo http = from("127.0.0.1");
    http.setAuthorization("Basic " + Base64.getEncoder().encodeToString("alice:hunter2".getBytes(StandardCharsets.UTF_8)));
    ActivityEvent e = map(http, List.of(), List.of());
    assertThat(e.authScheme).isEqualTo("basic");
    assertThat(e.principal).isEqualTo("alice");
    assertThat(e.tokenFingerprint).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 16);
  }

  @Test
  void aBasicUserNameThatIsReallyAKeyIsNotRecorded() {
    for (String userPass : List.of("sk_live_51H8d2kLmN0pQrStUvWxYz:", "ghp_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO2rINUx:x-oauth-basic",
        "AKIA2E0A8F3B244C9986:secret", "q8Z2vN5xL1pR7tY3wK9mB4cF6hJ0sD2g:")) {
      HttpRequestInfo http = from("127.0.0.1");
      http.setAuthorization("Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
      ActivityEvent e = map(http, List.of(), List.of());
      assertThat(e.authScheme).isEqualTo("basic");
      assertThat(e.principal).as(userPass).isNull();
      assertThat(e.tokenFingerprint).isNotNull();
    }
  }

  @Test
  void anEmailAddressIsAnOrdinaryBasicUserName() {
    HttpRequestInfo http = from("127.0.0.1");
    http.setAuthorization("Basic " + Base64.getEncoder().encodeToString("alice@example.com:api-token".getBytes(StandardCharsets.UTF_8)));
    assertThat(map(http, List.of(), List.of()).principal).isEqualTo("alice@example.com");
  }

  @Test
  void aCredentialInAConfiguredIdentityHeaderIsStillNeverRecorded() {
    HttpRequestInfo http = from("127.0.0.1");
    http.identityHeaderValues = new String[] {"eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlLXZhbHVl", "alice@example.com"};
    ActivityEvent e = map(http, List.of(), List.of("iap_user", "user_email"));
    assertThat(e.identityHeaders).containsExactly("iap_user", "[REDACTED:jwt]", "user_email", "alice@example.com");
  }

  @Test
  void theSchemeIsOneOfAKnownSetOrOther() {
    for (String[] header : List.of(new String[] {"Digest username=\"a\"", "digest"}, new String[] {"Negotiate YIIG", "negotiate"},
        new String[] {"token ghp_x", "token"}, new String[] {"Sk-Live-abc123 more", "other"},
        new String[] {"eyJleGFtcGxl\n{forged}", "other"}, new String[] {"bare-credential", "other"})) {
      HttpRequestInfo http = from("127.0.0.1");
      http.setAuthorization(header[0]);
      assertThat(map(http, List.of(), List.of()).authScheme).as(header[0]).isEqualTo(header[1]);
    }
  }

  @Test
  void theCredentialCacheHoldsNoCredential() throws Exception {
    Credentials credentials = new Credentials(KEY);
    String token = "Bearer opaque-token-value-42";
    credentials.read(token, new ActivityEvent());
    java.lang.reflect.Field recent = Credentials.class.getDeclaredField("recent");
    recent.setAccessible(true);
    String dump = String.valueOf(recent.get(credentials));
    assertThat(dump).doesNotContain("opaque-token-value-42").contains("hmac-sha256:");
    ActivityEvent again = new ActivityEvent();
    credentials.read(token, again);
    assertThat(again.tokenFingerprint).isEqualTo(credentials.fingerprint("opaque-token-value-42"));
  }

  @Test
  void opaqueAndMalformedTokensYieldAFingerprintOnly() {
    HttpRequestInfo http = from("127.0.0.1");
    http.setAuthorization("Bearer not.a-jwt.%%%");
    ActivityEvent e = map(http, List.of(), List.of());
    assertThat(e.principal).isNull();
    assertThat(e.tokenFingerprint).isNotNull();

    ActivityEvent other = map(http, List.of(), List.of());
    assertThat(other.tokenFingerprint).as("same credential, same key").isEqualTo(e.tokenFingerprint);
  }

  @Test
  void configuredGatewayHeadersBecomeIdentityFields() {
    HttpRequestInfo http = from("127.0.0.1");
    http.identityHeaderValues = new String[] {"wl-42", null};
    ActivityEvent e = map(http, List.of(), List.of("workload_id", "tenant"));
    assertThat(e.identityHeaders).containsExactly("workload_id", "wl-42");
  }

  private static String expectedFingerprint(String credential) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(credential.getBytes(StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return "hmac-sha256:" + hex.substring(0, 16);
  }
}

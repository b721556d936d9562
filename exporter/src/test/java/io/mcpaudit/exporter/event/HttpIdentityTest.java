package io.mcpaudit.exporter.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.json.Clock;
import io.mcpaudit.exporter.json.Ids;
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

  @Test
  void forwardedHeadersAreBelievedOnlyFromTrustedProxies() {
    HttpRequestInfo viaProxy = from("10.0.0.5");
    viaProxy.forwardedFor = "203.0.113.7, 198.51.100.9, 10.0.0.4";
    ActivityEvent trusted = map(viaProxy, List.of("10.0.0.0/8"), List.of());
    assertThat(trusted.sourceIp).isEqualTo("198.51.100.9"); // nearest hop that is not a trusted proxy
    assertThat(trusted.forwardedFor).containsExactly("203.0.113.7", "198.51.100.9", "10.0.0.4");
    assertThat(trusted.sourcePort).isEqualTo(-1);

    HttpRequestInfo spoofed = from("192.0.2.50");
    spoofed.forwardedFor = "203.0.113.7";
    ActivityEvent untrusted = map(spoofed, List.of("10.0.0.0/8"), List.of());
    assertThat(untrusted.sourceIp).isEqualTo("192.0.2.50");
    assertThat(untrusted.forwardedFor).isEmpty();
    assertThat(untrusted.sourcePort).isEqualTo(40000);

    HttpRequestInfo rfc7239 = from("fd00::1");
    rfc7239.forwarded = "for=\"[2001:db8::17]:4711\";proto=https, for=10.1.1.1";
    ActivityEvent v6 = map(rfc7239, List.of("fd00::/8", "10.0.0.0/8"), List.of());
    assertThat(v6.sourceIp).isEqualTo("2001:db8::17");
    assertThat(v6.forwardedFor).containsExactly("2001:db8::17", "10.1.1.1");
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
  }

  @Test
  void jwtClaimsAreDecodedAndTheTokenOnlyFingerprinted() throws Exception {
    String payload = "{\"sub\":\"user-123\",\"azp\":\"frontend-prod\",\"iss\":\"https://idp.example\","
        + "\"exp\":1798761600,\"scope\":[\"a\",\"b\"],\"nested\":{\"x\":1}}";
    String token = "eyJhbGciOiJSUzI1NiJ9." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    HttpRequestInfo http = from("127.0.0.1");
    http.authorization = "Bearer " + token;
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
    http.authorization = "Basic " + Base64.getEncoder().encodeToString("alice:hunter2".getBytes(StandardCharsets.UTF_8));
    ActivityEvent e = map(http, List.of(), List.of());
    assertThat(e.authScheme).isEqualTo("basic");
    assertThat(e.principal).isEqualTo("alice");
    assertThat(e.tokenFingerprint).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 16);
  }

  @Test
  void opaqueAndMalformedTokensYieldAFingerprintOnly() {
    HttpRequestInfo http = from("127.0.0.1");
    http.authorization = "Bearer not.a-jwt.%%%";
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

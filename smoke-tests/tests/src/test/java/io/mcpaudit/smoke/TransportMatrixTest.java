package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transport on every SDK line from 0.11.3 to 2.1.0, and Spring AI's: the server with the agent
 * attached and without it, driven by the SDK's own client (lines before 0.18 by the 2.1.0 client). One event per message the client sent, with the right
 * content, nothing secret in the file, and the client sees exactly what it sees without the agent.
 */
class TransportMatrixTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN = "00f067aa0ba902b7";

  /**
   * SDK line × transport, plus Spring AI's WebMvc and WebFlux transports. HTTP requests on SDK 2.1 (and
   * Spring AI) come as through a reverse proxy (forwarded-for chain, workload header, trusted proxies
   * configured); on the other lines they come directly from the client with only the basic agent
   * settings. Both identity paths are covered without doubling the runs.
   */
  static Stream<Arguments> matrix() {
    Stream<Arguments> sdk = Stream.of(SampleApp.SDK_2_1, SampleApp.SDK_2_0, SampleApp.SDK_1_1, SampleApp.SDK_1_0,
        SampleApp.SDK_0_18, SampleApp.SDK_0_17, SampleApp.SDK_0_14, SampleApp.SDK_0_12, SampleApp.SDK_0_11)
        .filter(TransportMatrixTest::selected).flatMap(app ->
        Stream.of("stdio", "sse", "streamable", "stateless")
            .map(transport -> Arguments.of(app, transport, app == SampleApp.SDK_2_1)));
    // before 0.11.3 only the Streamable and stateless engines have the shape the agent knows
    Stream<Arguments> sdk0112 = Stream.of("streamable", "stateless")
        .filter(transport -> selected(SampleApp.SDK_0_11_2))
        .map(transport -> Arguments.of(SampleApp.SDK_0_11_2, transport, false));
    // Spring AI's transports: Spring MVC functional endpoints (WebMvc) and reactive ones on Netty (WebFlux), in
    // Spring AI 2.0 (its own) and 1.1 (the SDK's mcp-spring-* 0.17.0)
    Stream<Arguments> springAi = Stream.of(SampleApp.SPRING_AI, SampleApp.SPRING_AI_WEBFLUX, SampleApp.SPRING_AI_1,
            SampleApp.SPRING_AI_1_WEBFLUX)
        .filter(TransportMatrixTest::selected).flatMap(app ->
        Stream.of("sse", "streamable", "stateless").map(transport -> Arguments.of(app, transport, true)));
    // Micronaut MCP: stdio, and HTTP through its own stateless controller (no SSE or session-based HTTP)
    Stream<Arguments> micronaut = Stream.of("stdio", "stateless").filter(transport -> selected(SampleApp.MICRONAUT))
        .map(transport -> Arguments.of(SampleApp.MICRONAUT, transport, false));
    return Stream.of(sdk, sdk0112, springAi, micronaut).flatMap(cases -> cases);
  }

  /** Every app, unless {@code -Dsmoke.only=SDK_0_11,SPRING_AI,…} narrows a local run to some of them. */
  private static boolean selected(SampleApp app) {
    return List.of(System.getProperty("smoke.only", app.name()).split(",")).contains(app.name());
  }

  /** What a SIEM rule would compute to find this credential's events, given the deployment's key. */
  private static String fingerprint(String credential) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(
        Scenario.FINGERPRINT_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(credential.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      hex.append(String.format("%02x", b));
    }
    return "hmac-sha256:" + hex.substring(0, 16);
  }

  @ParameterizedTest(name = "{0} {1} proxied={2}")
  @MethodSource("matrix")
  void auditsEveryMessageWithoutChangingWhatTheClientSees(SampleApp app, String transport, boolean proxied)
      throws Exception {
    Scenario plain = new Scenario(app, transport, false);
    plain.proxied = proxied;
    plain.run();
    Scenario audited = new Scenario(app, transport, true);
    audited.proxied = proxied;
    audited.run();
    AuditFile audit = audited.audit();
    boolean http = !transport.equals("stdio");
    boolean stateless = transport.equals("stateless");

    assertThat(audited.transcript).as("what the client received").isEqualTo(plain.transcript);
    // the JSON-RPC error the client received for boom, which the event must record: the tool's McpError
    // (-32602 boom), except on SDK 0.11 and 0.12's session engine, which answers every failed tool call with
    // -32603, and on Micronaut MCP, which maps the exception to its own -32603 (with an HTTP error status)
    String boomLine = audited.transcript.stream().filter(line -> line.startsWith("tools/call boom ")).findFirst().orElse("");
    assertThat(boomLine).as("boom outcome seen by the client").matches("tools/call boom error -3260[23] .+");
    assertThat(plain.transcript).as("the same boom error without the agent").contains(boomLine);
    String boomError = boomLine.substring("tools/call boom error ".length());
    assertThat(audited.agentProblems()).isEmpty();

    // exactly one event per message the client sent, and nothing else
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("initialize", 1L);
    expected.put("notifications/initialized", 1L);
    expected.put("tools/list", 1L);
    expected.put("tools/call", 4L);
    expected.put("resources/list", 1L);
    expected.put("resources/read", 1L);
    expected.put("prompts/list", 1L);
    expected.put("prompts/get", 1L);
    expected.put("ping", 1L);
    Map<String, Long> actual = new LinkedHashMap<>();
    audit.activities().forEach(e -> actual.merge(e.at("/activity/mcp_operation").asText(), 1L, Long::sum));
    assertThat(actual).as(audit.raw).containsExactlyInAnyOrderEntriesOf(expected);

    // lifecycle around it, with clean counters
    assertThat(audit.first().at("/lifecycle/phase").asText()).isEqualTo("start");
    JsonNode counters = audit.last().at("/lifecycle/counters");
    assertThat(audit.last().at("/lifecycle/phase").asText()).isEqualTo("stop");
    assertThat(counters.path("events_written").asLong()).isEqualTo(audit.activities().size());
    assertThat(counters.path("events_dropped").asLong()).isZero();
    assertThat(counters.path("advice_errors").asLong()).isZero();
    assertThat(counters.path("extraction_errors").asLong()).isZero();

    String expectedTransport = switch (transport) {
      case "streamable" -> "streamable_http";
      case "stateless" -> "stateless_http";
      default -> transport;
    };
    Set<String> eventIds = new HashSet<>();
    Set<String> sessions = new HashSet<>();
    for (JsonNode e : audit.activities()) {
      String operation = e.at("/activity/mcp_operation").asText();
      assertThat(eventIds.add(e.path("event_id").asText())).as("unique event_id").isTrue();
      assertThat(e.path("event_id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(e.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertThat(e.at("/activity/direction").asText()).isEqualTo("inbound");
      assertThat(e.at("/target/transport").asText()).isEqualTo(expectedTransport);
      assertThat(e.at("/target/server_id").asText()).isEqualTo("smoke");
      assertThat(e.at("/target/environment").asText()).isEqualTo("test");
      assertThat(e.at("/target/server_name").asText()).isEqualTo("sample-server");
      assertThat(e.at("/target/server_version").asText()).isEqualTo("1.2.3");
      assertThat(e.at("/target/sdk").asText()).isEqualTo("mcp-java-sdk");
      assertThat(e.at("/target/sdk_version").asText()).isEqualTo(app.sdkVersion);
      assertThat(e.at("/target/protocol_version").asText()).as(operation).isNotEmpty();
      assertThat(e.at("/outcome/duration_ms").asDouble()).isGreaterThanOrEqualTo(0);
      // every message had an answer: nothing may read as cancelled (Micronaut cancels after taking it)
      String tool = e.at("/activity/tool_name").asText();
      assertThat(e.at("/outcome/status").asText()).as(operation + " " + tool)
          .isEqualTo(tool.equals("fail") ? "tool_error" : tool.equals("boom") ? "failure" : "success");
      boolean notification = operation.startsWith("notifications/");
      boolean streamableInitialize = operation.equals("initialize") && transport.equals("streamable");
      assertThat(e.at("/activity/jsonrpc_id").isMissingNode()).as(operation + " jsonrpc_id")
          .isEqualTo(notification || streamableInitialize);
      if (stateless) {
        assertThat(e.at("/identity/session_id").isMissingNode()).isTrue();
      } else {
        sessions.add(e.at("/identity/session_id").asText());
      }
      if (!stateless || operation.equals("initialize")) {
        assertThat(e.at("/identity/client_name").asText()).as(operation).isEqualTo("sample-client");
        assertThat(e.at("/identity/client_version").asText()).isEqualTo("9.9.9");
      }
      if (http) {
        assertThat(e.at("/identity/user_agent").asText()).startsWith("Java-http-client/");
        assertThat(e.at("/identity/auth_scheme").asText()).isEqualTo("bearer");
        assertThat(e.at("/payload/request_bytes").asLong()).isPositive();
      }
      if (http && !proxied) {
        assertThat(e.at("/identity/source_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(e.at("/identity/source_port").asInt()).isPositive();
        assertThat(e.at("/identity/forwarded_for").isMissingNode()).isTrue();
        assertThat(e.at("/identity/workload_id").isMissingNode()).isTrue();
      } else if (http) {
        // the peer (127.0.0.1) and 10.1.2.3 are trusted proxies: the client is the first untrusted hop
        assertThat(e.at("/identity/source_ip").asText()).isEqualTo("203.0.113.7");
        assertThat(e.at("/identity/forwarded_for").toString()).isEqualTo("[\"203.0.113.7\",\"10.1.2.3\"]");
        assertThat(e.at("/identity/source_port").isMissingNode()).isTrue();
        assertThat(e.at("/identity/workload_id").asText()).isEqualTo("wl-42");
        assertThat(e.at("/identity/token_fingerprint").asText()).isEqualTo(fingerprint("smoke-token-abc"));
      } else {
        assertThat(e.at("/identity/source_ip").isMissingNode()).isTrue();
      }
      boolean echo = e.at("/activity/tool_name").asText().equals("echo");
      if (echo) {
        assertThat(e.path("correlation_id").asText()).isEqualTo(TRACE_ID);
        assertThat(e.path("correlation_source").asText()).isEqualTo("meta.traceparent");
        assertThat(e.at("/trace/trace_id").asText()).isEqualTo(TRACE_ID);
        assertThat(e.at("/trace/parent_span_id").asText()).isEqualTo(PARENT_SPAN);
      } else if (http) {
        assertThat(e.path("correlation_id").asText()).isEqualTo("smoke-corr-1");
        assertThat(e.path("correlation_source").asText()).isEqualTo("header.x-correlation-id");
      } else {
        assertThat(e.path("correlation_id").asText()).matches("[0-9a-f]{32}");
        assertThat(e.path("correlation_source").asText()).isEqualTo("generated");
      }
    }
    if (!stateless) {
      assertThat(sessions).as("one MCP session per run").hasSize(1).doesNotContain("");
    }

    // outcomes and names
    assertThat(audit.toolCall("echo").at("/outcome/status").asText()).isEqualTo("success");
    assertThat(audit.toolCall("fail").at("/outcome/status").asText()).isEqualTo("tool_error");
    JsonNode boom = audit.toolCall("boom");
    assertThat(boom.at("/outcome/status").asText()).isEqualTo("failure");
    if (boomError.startsWith("-32603 ")) {
      // an internal error's message is the exception's message, which may quote anything: never recorded
      assertThat(boom.at("/outcome/error_code").asInt()).isEqualTo(-32603);
      assertThat(boom.at("/outcome/error_message").isMissingNode()).isTrue();
    } else {
      assertThat(boom.at("/outcome/error_code").asInt() + " " + boom.at("/outcome/error_message").asText())
          .isEqualTo(boomError);
    }
    JsonNode secret = audit.toolCall("secret_lookup");
    assertThat(secret.at("/payload/argument_keys").toString()).isEqualTo("[\"api_key\"]");
    assertThat(audit.activities("resources/read").get(0).at("/activity/resource_uri").asText()).isEqualTo("sample://hello");
    assertThat(audit.activities("prompts/get").get(0).at("/activity/prompt_name").asText()).isEqualTo("greet");
    assertThat(audit.activities("prompts/get").get(0).at("/payload/argument_keys").toString()).isEqualTo("[\"name\"]");

    // never leak what we audit
    assertThat(audit.raw).doesNotContain("sk-live-SUPERSECRET-123").doesNotContain("smoke-token-abc")
        .doesNotContain(Scenario.FINGERPRINT_KEY)
        .doesNotContain("Ada").doesNotContain("echo:hi");
    List<String> serverLog = audited.serverStderr.lines().filter(l -> l.contains("[mcp-audit]")).toList();
    assertThat(String.join("\n", serverLog)).doesNotContain("smoke-token-abc");
  }
}

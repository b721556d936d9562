package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story the audit trail must tell, end to end across three processes: an MCP client sends a
 * request with a W3C traceparent; the server's audit event, the application's own log lines (Logback,
 * MDC in the pattern) and the requests its tool makes to a downstream HTTP service (JDK HttpClient and
 * HttpURLConnection) all carry the same correlation id, and the downstream requests are children of the
 * request's span. A request without any trace header gets a generated id that links them just the same.
 * Afterwards, Reactor's pool threads that ran the tools have nothing left in their log context.
 */
class CorrelationStoryTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01";
  private static final Duration START = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  record Received(String path, String traceparent, String correlation) {}

  @ParameterizedTest(name = "JDK {0}")
  @ValueSource(strings = {"17", "25"})
  void oneIdLinksTheEventTheLogLinesAndTheDownstreamCalls(String jdk) throws Exception {
    Path javaHome = jdk.equals("25") ? Jdk25Test.jdk25() : Path.of(System.getProperty("java.home"));
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer downstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    downstream.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("traceparent"), exchange.getRequestHeaders().getFirst("X-Correlation-ID")));
      byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    downstream.start();
    Path auditFile = dir.resolve("audit.jsonl");
    String classPath = SampleApp.STORY.classPath();
    String serverStderr;
    List<String> results;
    try (JvmProcess server = JvmProcess.start(javaHome, dir, "server", List.of(
            "-javaagent:" + SampleApp.agentJar(), "-Dmcp.audit.file.path=" + auditFile,
            "-Dstory.downstream=http://127.0.0.1:" + downstream.getAddress().getPort()),
        classPath, "io.mcpaudit.smoke.story.StoryServer", "streamable", "0")) {
      String port = server.awaitLine("LISTENING (\\d+)", START);
      try (JvmProcess client = JvmProcess.start(javaHome, dir, "client", List.of(), classPath,
          "io.mcpaudit.smoke.story.StoryClient", port, TRACEPARENT)) {
        assertThat(client.awaitExit(START)).as(client.tails()).isZero();
        results = client.stdout().lines().filter(l -> l.startsWith("RESULT ")).toList();
      }
      serverStderr = awaitStderr(server, "LEAK-PROBE");
      server.stop();
    } finally {
      downstream.stop(0);
    }

    AuditFile audit = AuditFile.read(auditFile);
    List<JsonNode> calls = audit.activities("tools/call").stream()
        .filter(e -> e.at("/activity/tool_name").asText().equals("downstream")).toList();
    assertThat(calls).hasSize(2);
    assertThat(received).extracting(Received::path)
        .containsExactly("/httpclient", "/urlconnection", "/httpclient", "/urlconnection");

    // 1. the client's trace continues: same trace id everywhere, downstream calls parented to the request's span
    JsonNode traced = calls.get(0);
    assertThat(traced.path("correlation_source").asText()).isEqualTo("header.traceparent");
    assertThat(traced.path("correlation_id").asText()).isEqualTo(TRACE_ID);
    assertThat(traced.at("/trace/parent_span_id").asText()).isEqualTo(CLIENT_SPAN);
    String tracedSpan = traced.at("/trace/span_id").asText();
    assertLinked(received.subList(0, 2), TRACE_ID, TRACE_ID, tracedSpan);
    assertThat(results.get(0)).isEqualTo("RESULT 1 seen-correlation=" + TRACE_ID);
    assertThat(serverStderr).contains("APP-LOG corr=" + TRACE_ID + " trace=" + TRACE_ID + " tool=downstream ")
        .contains("StoryServer - calling downstream");

    // 2. no header at all: a generated id, linked just the same
    JsonNode generated = calls.get(1);
    assertThat(generated.path("correlation_source").asText()).isEqualTo("generated");
    String id = generated.path("correlation_id").asText();
    assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
    assertThat(generated.at("/trace/trace_id").asText()).isEqualTo(id);
    assertLinked(received.subList(2, 4), id, id, generated.at("/trace/span_id").asText());
    assertThat(results.get(1)).isEqualTo("RESULT 2 seen-correlation=" + id);
    List<String> appLines = serverStderr.lines().filter(l -> l.contains("StoryServer - ")).toList();
    assertThat(appLines).filteredOn(l -> l.contains("calling downstream")).containsExactly(
        appLines.stream().filter(l -> l.startsWith("APP-LOG corr=" + TRACE_ID) && l.contains("calling downstream")).findFirst().orElseThrow(),
        appLines.stream().filter(l -> l.startsWith("APP-LOG corr=" + id) && l.contains("calling downstream")).findFirst().orElseThrow());

    // 3. nothing left behind on pooled threads, and nothing on the probe's own line
    String probe = serverStderr.lines().filter(l -> l.contains("LEAK-PROBE")).findFirst().orElseThrow();
    assertThat(probe).startsWith("APP-LOG corr= trace= tool= [leak-probe]").contains("boundedElastic")
        .doesNotContain(TRACE_ID).doesNotContain(id).doesNotContain("mcp.");

    assertThat(serverStderr.lines().filter(l -> l.contains("[mcp-audit] WARN") || l.contains("[mcp-audit] ERROR")))
        .isEmpty();
    assertThat(audit.last().at("/lifecycle/counters/advice_errors").asLong()).isZero();
  }

  private static void assertLinked(List<Received> pair, String traceId, String correlationId, String parentSpan) {
    for (Received r : pair) {
      assertThat(r.traceparent()).as(r.path()).isEqualTo("00-" + traceId + "-" + parentSpan + "-01");
      assertThat(r.correlation()).as(r.path()).isEqualTo(correlationId);
    }
  }

  private static String awaitStderr(JvmProcess process, String marker) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      String stderr = process.stderr();
      if (stderr.contains(marker)) {
        return stderr;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + marker + " line\n" + process.tails());
  }
}

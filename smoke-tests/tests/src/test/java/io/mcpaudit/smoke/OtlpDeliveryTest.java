package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpaudit.smoke.otlp.OtlpReceiver;
import io.mcpaudit.smoke.otlp.TestCertificates;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Events leave the process: a real server JVM with the built agent exporting {@code file,otlp} to a real
 * OTLP receiver in the test (decoding with the official {@code opentelemetry-proto} classes, and itself checked
 * against the OpenTelemetry SDK's exporter in {@code OtlpReceiverInteropTest}) that can be down, hang, or refuse.
 */
class OtlpDeliveryTest {

  /** A server with the agent, exporting to {@code receiver}, with its file and spool under {@code dir}. */
  private static JvmProcess server(Path dir, String name, OtlpReceiver receiver, Path spool, Path file, String... extra)
      throws Exception {
    List<String> jvm = new ArrayList<>(List.of("-javaagent:" + SampleApp.agentJar(),
        "-Dmcp.audit.exporters=file,otlp", "-Dmcp.audit.file.path=" + file, "-Dmcp.audit.spool.dir=" + spool,
        "-Dmcp.audit.otlp.endpoint=" + receiver.endpoint().replace("/v1/logs", ""),
        "-Dmcp.audit.otlp.batch.linger_ms=200", "-Dmcp.audit.server.id=smoke", "-Dmcp.audit.stats.interval=0"));
    jvm.addAll(List.of(extra));
    return JvmProcess.start(dir, name, jvm, SampleApp.SDK_2_1.classPath(), SampleApp.SERVER, "streamable", "0");
  }

  private static List<String> client(Path dir, String name, String port, String... properties) throws Exception {
    Path transcript = dir.resolve(name + ".txt");
    List<String> jvm = new ArrayList<>(List.of("-Dsample.boom=false"));
    jvm.addAll(List.of(properties));
    try (JvmProcess client = JvmProcess.start(dir, name, jvm, SampleApp.SDK_2_1.client().classPath(), SampleApp.CLIENT,
        "streamable", port, transcript.toString())) {
      assertThat(client.awaitExit(Scenario.CLIENT)).as(client.tails()).isZero();
    }
    return Files.readAllLines(transcript, StandardCharsets.UTF_8);
  }

  private static Path dir(String name) throws Exception {
    return Files.createDirectories(Path.of(System.getProperty("smoke.work"), name + "-" + System.nanoTime()));
  }

  private static String attribute(LogRecord record, String key) {
    return record.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
        .map(kv -> kv.getValue().hasIntValue() ? String.valueOf(kv.getValue().getIntValue()) : kv.getValue().getStringValue())
        .orElse(null);
  }

  private static List<String> receivedIds(OtlpReceiver receiver) {
    return receiver.logs().stream().map(l -> attribute(l.logRecord(), "mcp_audit.event_id")).toList();
  }

  private static List<String> fileIds(AuditFile audit) {
    return audit.events.stream().map(e -> e.path("event_id").asText()).toList();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration timeout, Object diagnostics)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).as(String.valueOf(diagnostics)).isTrue();
  }

  /** The collector is down for the first 60 s of the server's life; afterwards every event arrives, in order. */
  @Test
  void everythingArrivesInOrderAfterTheCollectorWasDownForAMinute() throws Exception {
    Path dir = dir("otlp-down");
    Path file = dir.resolve("audit.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.down();
      long start = System.nanoTime();
      try (JvmProcess server = server(dir, "server", receiver, dir.resolve("spool"), file)) {
        String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
        client(dir, "client", port);
        long downFor = TimeUnit.SECONDS.toNanos(60) - (System.nanoTime() - start);
        if (downFor > 0) {
          Thread.sleep(TimeUnit.NANOSECONDS.toMillis(downFor));
        }
        receiver.up();
        long written = Files.readAllLines(file).size();
        awaitTrue(() -> receiver.logs().size() >= written, Duration.ofSeconds(60), server.tails());
        server.stop();
        assertThat(server.stderr()).contains("send failed").contains("delivering again");
      }
      AuditFile audit = AuditFile.awaitStopped(file, () -> "");
      awaitTrue(() -> receiver.logs().size() >= audit.events.size(), Duration.ofSeconds(20), "stop event");
      assertThat(receivedIds(receiver)).as("every event, in order, the stop event last").containsExactlyElementsOf(fileIds(audit));

      // the mapping, checked on the echo call
      LogRecord echo = receiver.logs().stream().map(OtlpReceiver.ReceivedLog::logRecord)
          .filter(r -> "echo".equals(attribute(r, "gen_ai.tool.name"))).findFirst().orElseThrow();
      JsonNode event = audit.toolCall("echo");
      assertThat(echo.getEventName()).isEqualTo("mcp.audit.mcp_activity");
      assertThat(attribute(echo, "mcp.method.name")).isEqualTo("tools/call");
      assertThat(attribute(echo, "mcp_audit.event_id")).isEqualTo(event.path("event_id").asText());
      assertThat(attribute(echo, "mcp.session.id")).isEqualTo(event.at("/identity/session_id").asText());
      assertThat(attribute(echo, "client.address")).isEqualTo("127.0.0.1");
      assertThat(HexFormat.of().formatHex(echo.getTraceId().toByteArray())).isEqualTo(event.at("/trace/trace_id").asText());
      assertThat(echo.getSeverityText()).isEqualTo("INFO");
      assertThat(kv(echo.getBody(), "activity").flatMap(a -> kv(a, "tool_name")).map(AnyValue::getStringValue)).hasValue("echo");
      LogRecord fail = receiver.logs().stream().map(OtlpReceiver.ReceivedLog::logRecord)
          .filter(r -> "fail".equals(attribute(r, "gen_ai.tool.name"))).findFirst().orElseThrow();
      assertThat(fail.getSeverityText()).isEqualTo("WARN");
      assertThat(attribute(fail, "error.type")).isEqualTo("tool_error");
      var resource = receiver.logs().get(0).resource().getAttributesList();
      assertThat(resource).extracting(KeyValue::getKey).contains("service.name", "service.instance.id", "process.pid", "host.name");
      assertThat(resource.stream().filter(kv -> kv.getKey().equals("service.name")).findFirst().orElseThrow()
          .getValue().getStringValue()).isEqualTo("smoke");
    }
  }

  private static Optional<AnyValue> kv(AnyValue value, String key) {
    return value.getKvlistValue().getValuesList().stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue)
        .findFirst();
  }

  /** kill -9 while the collector is away; a restart on the same spool sends the rest, and the new process's events after it. */
  @Test
  void afterAKillTheRestartedServerSendsWhatTheDeadOneLeft() throws Exception {
    Path dir = dir("otlp-kill");
    Path spool = dir.resolve("spool");
    Path firstFile = dir.resolve("first.jsonl");
    Path secondFile = dir.resolve("second.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.down();
      try (JvmProcess first = server(dir, "first", receiver, spool, firstFile)) {
        String port = first.awaitLine("LISTENING (\\d+)", Scenario.START);
        client(dir, "client-1", port, "-Dsample.calls=40");
        Thread.sleep(500); // the last batch reaches the journal
      } // close(): SIGKILL, no shutdown hook
      List<String> firstIds = Files.readAllLines(firstFile).stream().map(l -> l.replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1")).toList();
      assertThat(firstIds).hasSizeGreaterThanOrEqualTo(40);
      receiver.up();
      try (JvmProcess second = server(dir, "second", receiver, spool, secondFile)) {
        String port = second.awaitLine("LISTENING (\\d+)", Scenario.START);
        client(dir, "client-2", port, "-Dsample.calls=5");
        second.stop();
      }
      AuditFile after = AuditFile.awaitStopped(secondFile, () -> "");
      List<String> expected = Stream.concat(firstIds.stream(), fileIds(after).stream()).toList();
      awaitTrue(() -> receivedIds(receiver).containsAll(expected), Duration.ofSeconds(5), receivedIds(receiver).size());
      List<String> received = receivedIds(receiver);
      assertThat(received.stream().distinct().toList()).as("in order, the dead process's first").containsExactlyElementsOf(expected);
      // replayed events keep the resource of the process that produced them
      String firstInstance = receiver.logs().get(0).resource().getAttributesList().stream()
          .filter(kv -> kv.getKey().equals("service.instance.id")).findFirst().orElseThrow().getValue().getStringValue();
      assertThat(firstInstance).isNotEqualTo(after.first().at("/target/service_instance_id").asText());
    }
  }

  /** A receiver that accepts connections and never answers: requests are not slowed, nothing is dropped, the exit is bounded. */
  @Test
  void aHungCollectorNeverSlowsARequestOrHoldsUpTheExit() throws Exception {
    Path dir = dir("otlp-hung");
    Path file = dir.resolve("audit.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.hang();
      try (JvmProcess server = server(dir, "server", receiver, dir.resolve("spool"), file,
          "-Dmcp.audit.shutdown.timeout_ms=3000", "-Dmcp.audit.otlp.timeout_ms=60000")) {
        String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
        long clientStart = System.nanoTime();
        List<String> transcript = client(dir, "client", port, "-Dsample.calls=300");
        long clientMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - clientStart);
        assertThat(transcript).filteredOn(l -> l.startsWith("tools/call echo")).hasSize(300);
        assertThat(receiver.awaitAttempts(1, Duration.ofSeconds(10))).isPositive();
        long stopStart = System.nanoTime();
        server.stop();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopStart)).as("exit").isLessThan(10_000);
        assertThat(clientMillis).as("300 calls while the collector hangs").isLessThan(60_000);
      }
      AuditFile audit = AuditFile.awaitStopped(file, () -> "");
      assertThat(audit.activities("tools/call")).hasSize(300);
      JsonNode counters = audit.last().at("/lifecycle/counters");
      assertThat(counters.path("events_dropped").asLong()).as("no request waited or was dropped").isZero();
      assertThat(counters.path("dropped_queue_full").asLong()).isZero();
      assertThat(audit.last().at("/lifecycle/exporters/otlp/events_pending").asLong()).isPositive();
      assertThat(receiver.logs()).isEmpty();
    }
  }

  /** A 400 is not retried forever: the batch is quarantined, and the gap reaches the file and the collector. */
  @Test
  void aRejectedBatchIsQuarantinedAndReportedAsAGap() throws Exception {
    Path dir = dir("otlp-400");
    Path file = dir.resolve("audit.jsonl");
    Path spool = dir.resolve("spool");
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.respondStatus(400, null);
      try (JvmProcess server = server(dir, "server", receiver, spool, file)) {
        String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
        receiver.awaitAttempts(1, Duration.ofSeconds(20)); // the start event, refused
        receiver.respondOk();
        client(dir, "client", port, "-Dsample.calls=3");
        awaitTrue(() -> receiver.logs().stream().anyMatch(l -> "rejected".equals(gapReason(l.logRecord()))),
            Duration.ofSeconds(20), server.tails());
        server.stop();
      }
      AuditFile audit = AuditFile.awaitStopped(file, () -> "");
      // until the receiver answers 200 again, the gap that reports a refused batch is itself refused, and reported:
      // every refused batch has its gap, and together they add up to the exporter's counter
      List<JsonNode> gaps = audit.events.stream().filter(e -> e.path("event_type").asText().equals("audit_gap")).toList();
      assertThat(gaps).isNotEmpty().allSatisfy(g -> {
        assertThat(g.at("/gap/reason").asText()).isEqualTo("rejected");
        assertThat(g.at("/gap/exporter").asText()).isEqualTo("otlp");
        assertThat(g.at("/gap/http_status").asInt()).isEqualTo(400);
        Path quarantined = Path.of(g.at("/gap/quarantined_in").asText());
        assertThat(quarantined).startsWith(spool.resolve("quarantine")).isRegularFile();
        assertThat(Files.readAllLines(quarantined)).hasSize(g.at("/gap/dropped").asInt());
      });
      Path first = Path.of(gaps.get(0).at("/gap/quarantined_in").asText());
      assertThat(Files.readString(first)).contains("\"phase\":\"start\"");
      assertThat(audit.last().at("/lifecycle/exporters/otlp/events_rejected").asLong())
          .isEqualTo(gaps.stream().mapToLong(g -> g.at("/gap/dropped").asLong()).sum());
    }
  }

  private static String gapReason(LogRecord record) {
    return kv(record.getBody(), "gap").flatMap(g -> kv(g, "reason")).map(AnyValue::getStringValue).orElse(null);
  }

  /** The collector is away and the spool small: the oldest segments go, counted, and the trail says so. */
  @Test
  void aFullSpoolEvictsTheOldestEventsAndSaysSo() throws Exception {
    Path dir = dir("otlp-full");
    Path file = dir.resolve("audit.jsonl");
    try (OtlpReceiver receiver = OtlpReceiver.http()) {
      receiver.down();
      try (JvmProcess server = server(dir, "server", receiver, dir.resolve("spool"), file,
          "-Dmcp.audit.spool.max_bytes=4194304")) {
        String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
        client(dir, "client", port, "-Dsample.calls=7000");
        server.stop();
      }
      AuditFile audit = AuditFile.awaitStopped(file, () -> "");
      long reported = audit.events.stream().filter(e -> e.at("/gap/reason").asText().equals("spool_full"))
          .peek(e -> assertThat(e.at("/gap/exporter").asText()).isEqualTo("otlp"))
          .mapToLong(e -> e.at("/gap/dropped").asLong()).sum();
      assertThat(reported).isPositive();
      assertThat(audit.last().at("/lifecycle/exporters/otlp/events_evicted").asLong()).isEqualTo(reported);
      assertThat(audit.activities("tools/call")).as("the local file keeps everything").hasSize(7000);
      assertThat(audit.last().at("/lifecycle/counters/spool_bytes").asLong()).isLessThanOrEqualTo(6L << 20);
    }
  }

  /** TLS with a CA made in the test, and a client certificate the collector requires. */
  @Test
  void mutualTlsWithACaMadeInTheTest() throws Exception {
    Path dir = dir("otlp-tls");
    Path file = dir.resolve("audit.jsonl");
    TestCertificates certificates = TestCertificates.create(Files.createDirectories(dir.resolve("certs")));
    try (OtlpReceiver receiver = OtlpReceiver.https(certificates.serverContext(), true)) {
      try (JvmProcess server = server(dir, "server", receiver, dir.resolve("spool"), file,
          "-Dmcp.audit.otlp.tls.ca_file=" + certificates.caCertificatePem(),
          "-Dmcp.audit.otlp.tls.cert_file=" + certificates.clientCertificatePem(),
          "-Dmcp.audit.otlp.tls.key_file=" + certificates.clientKeyPem(),
          "-Dmcp.audit.otlp.compression=gzip", "-Dmcp.audit.otlp.protocol=http/json")) {
        String port = server.awaitLine("LISTENING (\\d+)", Scenario.START);
        client(dir, "client", port, "-Dsample.calls=5");
        server.stop();
      }
      AuditFile audit = AuditFile.awaitStopped(file, () -> "");
      awaitTrue(() -> receiver.logs().size() >= audit.events.size(), Duration.ofSeconds(10), receiver.logs().size());
      assertThat(receivedIds(receiver)).containsExactlyElementsOf(fileIds(audit));
      assertThat(receiver.requests()).allSatisfy(r -> {
        assertThat(r.contentType()).startsWith(OtlpReceiver.JSON);
        assertThat(r.contentEncoding()).isEqualTo("gzip");
      });
    }
  }
}

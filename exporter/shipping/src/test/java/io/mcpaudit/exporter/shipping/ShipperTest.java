package io.mcpaudit.exporter.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.exporter.journal.Journal;
import io.mcpaudit.exporter.journal.JournalSettings;
import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipper's contract with the journal: the cursor moves only past what was delivered or quarantined. */
class ShipperTest {
  @TempDir
  Path dir;

  /** Answers each send as {@code answer} says, recording the lines of the sends it accepted. */
  static final class ScriptedExporter implements RemoteExporter {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    volatile Function<Integer, SendResult> answer = n -> SendResult.delivered(200);
    private List<String> current = List.of();

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public String describe() {
      return "scripted exporter";
    }

    @Override
    public BatchLimits limits() {
      return new BatchLimits(100, 1 << 20, 50);
    }

    @Override
    public EncodedRequest encode(Batch batch) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        lines.add(batch.line(i));
      }
      current = lines;
      return new EncodedRequest(new byte[0], 0, "text/plain", null, batch.size());
    }

    @Override
    public SendResult send(EncodedRequest request) {
      int attempt = attempts.size();
      attempts.add(request.events());
      SendResult result = answer.apply(attempt);
      if (result.kind() == SendResult.Kind.DELIVERED) {
        delivered.addAll(current);
      }
      return result;
    }

    @Override
    public void close() {}
  }

  private static void append(AuditSink sink, int from, int to) {
    for (int i = from; i < to; i++) {
      byte[] line = ("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8);
      sink.append(line, 0, line.length, true);
    }
    sink.flush();
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void retriesWhatFailedAndDeliversEverythingInOrder() throws Exception {
    try (Journal journal = Journal.open(new JournalSettings(dir.resolve("spool"), 64 << 20, List.of("scripted"),
        ProducerResource.UNKNOWN))) {
      ScriptedExporter exporter = new ScriptedExporter();
      exporter.answer = n -> n < 4 ? SendResult.retry(503, 0, null) : SendResult.delivered(200);
      List<GapReport> reports = new CopyOnWriteArrayList<>();
      Shipper shipper = new Shipper(exporter, journal.reader("scripted"), journal.quarantineDir(), reports::add, 10, 40);
      shipper.start();
      append(journal.sink(), 0, 250);
      await(() -> exporter.delivered.size() == 250);
      assertThat(exporter.delivered).extracting(l -> Integer.parseInt(l.substring(5, l.length() - 1)))
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 250).boxed().toList());
      assertThat(shipper.stats().getRetries()).isEqualTo(4);
      assertThat(shipper.stats().getEventsSent()).isEqualTo(250);
      assertThat(shipper.stats().getLagEvents()).isZero();
      assertThat(shipper.stats().isFailing()).isFalse();
      assertThat(reports).isEmpty();
      assertThat(shipper.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))).isTrue();
    }
  }

  @Test
  void aRejectedBatchIsQuarantinedReportedAndSkipped() throws Exception {
    try (Journal journal = Journal.open(new JournalSettings(dir.resolve("spool"), 64 << 20, List.of("scripted"),
        ProducerResource.UNKNOWN))) {
      ScriptedExporter exporter = new ScriptedExporter();
      exporter.answer = n -> n == 0 ? SendResult.rejected(400, "bad request") : SendResult.delivered(200);
      List<GapReport> reports = new CopyOnWriteArrayList<>();
      append(journal.sink(), 0, 100);
      Shipper shipper = new Shipper(exporter, journal.reader("scripted"), journal.quarantineDir(), reports::add, 10, 40);
      shipper.start();
      await(() -> !reports.isEmpty());
      append(journal.sink(), 100, 150);
      await(() -> exporter.delivered.size() == 50);
      GapReport gap = reports.get(0);
      assertThat(gap.reason()).isEqualTo("rejected");
      assertThat(gap.status()).isEqualTo(400);
      assertThat(gap.events()).isEqualTo(100);
      assertThat(Files.readAllLines(Path.of(gap.where()))).hasSize(100).startsWith("{\"n\":0}");
      assertThat(exporter.delivered.get(0)).isEqualTo("{\"n\":100}");
      assertThat(shipper.stats().getEventsRejected()).isEqualTo(100);
      shipper.stop(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
    }
  }

  /** At stop, a down endpoint is tried once and what is left stays for the next start, within the deadline. */
  @Test
  void stopIsBoundedWhenTheEndpointIsDownOrHangs() throws Exception {
    try (Journal journal = Journal.open(new JournalSettings(dir.resolve("spool"), 64 << 20, List.of("scripted"),
        ProducerResource.UNKNOWN))) {
      ScriptedExporter exporter = new ScriptedExporter();
      exporter.answer = n -> {
        try {
          Thread.sleep(60_000); // a hung endpoint
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return SendResult.retry(0, 0, "interrupted");
      };
      append(journal.sink(), 0, 300);
      Shipper shipper = new Shipper(exporter, journal.reader("scripted"), journal.quarantineDir(), r -> { }, 10, 40);
      shipper.start();
      await(() -> !exporter.attempts.isEmpty());
      long start = System.nanoTime();
      assertThat(shipper.stop(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500))).isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3_000);
      assertThat(journal.reader("scripted").lag()).isEqualTo(300);
    }
  }
}

package io.mcpaudit.exporter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path dir;

  private static final ProducerResource FIRST = new ProducerResource(Map.of("service.instance.id", "one", "process.pid", "11"));
  private static final ProducerResource SECOND = new ProducerResource(Map.of("service.instance.id", "two", "process.pid", "22"));

  private Journal open(long maxBytes, ProducerResource producer, String... readers) throws Exception {
    return Journal.open(new JournalSettings(dir.resolve("spool"), maxBytes, List.of(readers), producer));
  }

  private static void append(AuditSink sink, int from, int to, int padding) {
    for (int i = from; i < to; i++) {
      byte[] line = ("{\"n\":" + i + ",\"p\":\"" + "x".repeat(padding) + "\"}\n").getBytes(StandardCharsets.UTF_8);
      sink.append(line, 0, line.length, true);
    }
    assertThat(sink.flush()).isTrue();
  }

  /** Everything the reader gets, batch by batch, committing each. */
  private static List<String> drain(JournalReader reader, int maxEvents) throws Exception {
    List<String> lines = new ArrayList<>();
    Batch batch = new Batch();
    while (reader.peek(batch, maxEvents, 1 << 20) > 0) {
      for (int i = 0; i < batch.size(); i++) {
        lines.add(batch.line(i));
      }
      reader.commit();
    }
    return lines;
  }

  private static List<Integer> numbers(List<String> lines) {
    return lines.stream().map(l -> Integer.parseInt(l.substring(5, l.indexOf(',')))).toList();
  }

  @Test
  void readersSeeEveryLineInOrderAndOnlyCommittedLinesAreGone() throws Exception {
    try (Journal journal = open(64 << 20, FIRST, "otlp", "http")) {
      append(journal.sink(), 0, 1000, 100);
      JournalReader otlp = journal.reader("otlp");
      Batch batch = new Batch();
      assertThat(otlp.peek(batch, 300, 1 << 20)).isEqualTo(300);
      assertThat(batch.producer(0)).isEqualTo(FIRST);
      assertThat(otlp.lag()).as("peeking does not move the cursor").isEqualTo(1000);
      otlp.commit();
      assertThat(otlp.lag()).isEqualTo(700);
      assertThat(numbers(drain(otlp, 128))).hasSize(700).startsWith(300).endsWith(999);
      assertThat(numbers(drain(journal.reader("http"), 1000))).hasSize(1000).isSorted();
      // a byte limit ends a batch early, but a batch always has at least one line
      assertThat(journal.reader("http").peek(batch, 10, 1)).isZero();
      append(journal.sink(), 1000, 1003, 100);
      assertThat(journal.reader("http").peek(batch, 10, 1)).isEqualTo(1);
    }
  }

  @Test
  void aRestartResumesFromTheCursorAndKeepsTheProducerOfEachSegment() throws Exception {
    try (Journal journal = open(64 << 20, FIRST, "otlp")) {
      append(journal.sink(), 0, 50, 10);
      JournalReader reader = journal.reader("otlp");
      Batch batch = new Batch();
      reader.peek(batch, 20, 1 << 20);
      reader.commit();
      reader.peek(batch, 20, 1 << 20); // read but never delivered: the process dies now
    }
    try (Journal journal = open(64 << 20, SECOND, "otlp")) {
      append(journal.sink(), 50, 60, 10);
      JournalReader reader = journal.reader("otlp");
      assertThat(reader.lag()).isEqualTo(40);
      Batch batch = new Batch();
      List<ProducerResource> producers = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      while (reader.peek(batch, 7, 1 << 20) > 0) {
        for (int i = 0; i < batch.size(); i++) {
          lines.add(batch.line(i));
          producers.add(batch.producer(i));
        }
        reader.commit();
      }
      assertThat(numbers(lines)).containsExactlyElementsOf(java.util.stream.IntStream.range(20, 60).boxed().toList());
      assertThat(producers.subList(0, 30)).containsOnly(FIRST);
      assertThat(producers.subList(30, 40)).containsOnly(SECOND);
    }
  }

  /** A process killed mid-write leaves a partial last line; the next run cuts it away and numbers on. */
  @Test
  void aPartialLineFromAKilledProcessIsCutAway() throws Exception {
    try (Journal journal = open(64 << 20, FIRST, "otlp")) {
      append(journal.sink(), 0, 5, 10);
    }
    Path segment;
    try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
      segment = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    Files.writeString(segment, "{\"n\":5,\"p\":\"trunc", StandardOpenOption.APPEND);
    try (Journal journal = open(64 << 20, SECOND, "otlp")) {
      append(journal.sink(), 5, 8, 10);
      assertThat(numbers(drain(journal.reader("otlp"), 100))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(journal.nextSeq()).isEqualTo(8);
    }
  }

  /** Over its budget the oldest segment goes; each reader that had not read all of it loses the rest, counted. */
  @Test
  void whenFullTheOldestSegmentIsEvictedAndEachReadersLossCounted() throws Exception {
    long max = 4 << 20; // 1 MiB segments
    try (Journal journal = open(max, FIRST, "slow", "fast")) {
      JournalReader fast = journal.reader("fast");
      long appended = 0;
      List<Integer> fastGot = new ArrayList<>();
      for (int round = 0; round < 60; round++) {
        append(journal.sink(), (int) appended, (int) appended + 1000, 200);
        appended += 1000;
        fastGot.addAll(numbers(drain(fast, 512)));
      }
      assertThat(journal.bytes()).isLessThanOrEqualTo(max + (1 << 20) + 64 * 1024);
      List<Eviction> evictions = journal.takeEvictions();
      assertThat(evictions).isNotEmpty().allSatisfy(e -> assertThat(e.exporter()).isEqualTo("slow"));
      long lost = evictions.stream().mapToLong(Eviction::events).sum();
      JournalReader slow = journal.reader("slow");
      List<Integer> slowGot = numbers(drain(slow, 512));
      assertThat(lost + slowGot.size()).as("every line either read or counted as lost").isEqualTo(appended);
      assertThat(slowGot).isSorted();
      assertThat(slowGot.get(0)).isEqualTo((int) lost);
      assertThat(fastGot).hasSize((int) appended);
      assertThat(journal.takeEvictions()).isEmpty();
    }
  }

  @Test
  void memoryModeBehavesTheSameWithinTheProcess() throws Exception {
    try (Journal journal = Journal.open(new JournalSettings(null, 2 << 20, List.of("otlp"), FIRST))) {
      JournalReader reader = journal.reader("otlp");
      long appended = 0;
      for (int round = 0; round < 40; round++) {
        append(journal.sink(), (int) appended, (int) appended + 500, 200);
        appended += 500;
      }
      long lost = journal.takeEvictions().stream().mapToLong(Eviction::events).sum();
      assertThat(lost).isPositive();
      assertThat(lost + drain(reader, 1000).size()).isEqualTo(appended);
      assertThat(journal.quarantineDir()).isNull();
    }
  }

  @Test
  void aSecondLiveProcessCannotOpenTheSameSpool() throws Exception {
    try (Journal journal = open(64 << 20, FIRST, "otlp")) {
      // the lock is per process; a second open in this JVM meets the same held lock
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(64 << 20, SECOND, "otlp"))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void aWaitingReaderIsWokenWhenItsBatchIsFull() throws Exception {
    try (Journal journal = open(64 << 20, FIRST, "otlp")) {
      JournalReader reader = journal.reader("otlp");
      Thread appender = new Thread(() -> {
        try {
          Thread.sleep(200);
          append(journal.sink(), 0, 600, 10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      appender.start();
      long start = System.nanoTime();
      reader.await(512, 10_000_000_000L);
      long waited = (System.nanoTime() - start) / 1_000_000;
      appender.join();
      assertThat(waited).isBetween(150L, 5_000L);
      assertThat(reader.lag()).isEqualTo(600);
    }
  }
}

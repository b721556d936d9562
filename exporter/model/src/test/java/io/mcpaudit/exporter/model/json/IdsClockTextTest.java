package io.mcpaudit.exporter.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsClockTextTest {

  @Test
  void timestampsAreUtcWithExactlySixFractionalDigits() {
    assertThat(Clock.format(0)).isEqualTo("1970-01-01T00:00:00.000000Z");
    long micros = Instant.parse("2026-11-22T10:15:30.123456Z").getEpochSecond() * 1_000_000 + 123_456;
    assertThat(Clock.format(micros)).isEqualTo("2026-11-22T10:15:30.123456Z");
    assertThat(Clock.format(micros - 123_456)).isEqualTo("2026-11-22T10:15:30.000000Z");
  }

  @Test
  void nanoTimeStampsBecomeWallClockTime() {
    Clock clock = new Clock();
    long expected = System.currentTimeMillis() * 1_000;
    assertThat(clock.epochMicros(System.nanoTime())).isBetween(expected - 50_000, expected + 50_000);
    long earlier = System.nanoTime() - 2_000_000_000L;
    assertThat(clock.epochMicros(earlier)).isBetween(expected - 2_050_000, expected - 1_950_000);
  }

  @Test
  void eventIdsAreUuidVersion7CarryingTheirMillisecond() {
    Ids ids = new Ids();
    long millis = Instant.parse("2026-11-22T10:15:30.123Z").toEpochMilli();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.uuidV7(millis);
      UUID uuid = UUID.fromString(id);
      assertThat(uuid.version()).isEqualTo(7);
      assertThat(uuid.variant()).isEqualTo(2); // RFC 9562: binary 10
      assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millis);
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      seen.add(id);
    }
    assertThat(seen).hasSize(10_000);
    assertThat(ids.uuidV7(millis + 1).compareTo(ids.uuidV7(millis))).as("time-ordered as text").isPositive();
  }

  @Test
  void traceAndSpanIdsAreLowercaseHexAndNeverZero() {
    Ids ids = new Ids();
    for (int i = 0; i < 1_000; i++) {
      assertThat(ids.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
      assertThat(ids.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("0".repeat(16));
    }
  }

  @Test
  void textReplacesLoneSurrogatesAndTruncatesWithAMarker() {
    assertThat(Text.clean("plain", 10)).isEqualTo("plain");
    assertThat(Text.clean("a\uD800b", 10)).isEqualTo("a\uFFFDb");
    assertThat(Text.clean("\uDC00a", 10)).isEqualTo("\uFFFDa");
    assertThat(Text.clean("a\uD83D", 10)).isEqualTo("a\uFFFD");
    assertThat(Text.clean("ok \uD83D\uDE00", 10)).isEqualTo("ok \uD83D\uDE00");
    assertThat(Text.clean("x".repeat(300), 256)).hasSize(256 + Text.TRUNCATED.length()).endsWith(Text.TRUNCATED);
    // a cut never leaves half of a surrogate pair behind
    String cut = Text.clean("abc\uD83D\uDE00def", 4);
    assertThat(cut).isEqualTo("abc" + Text.TRUNCATED);
    assertThat(Text.clean((Object) 42L, 10)).isEqualTo("42");
    assertThat(Text.clean((String) null, 10)).isNull();
  }
}

package io.mcpaudit.exporter.http;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Splunk HTTP Event Collector events ({@code /services/collector/event}), one JSON object per native line,
 * concatenated: {@code {"time":<epoch seconds with micros>,"host":…,"source":…,"sourcetype":…,"index":…,
 * "event":<the native event>}}. {@code time} is the event's own timestamp, {@code host} the host of the
 * process that wrote it.
 */
final class SplunkHecEncoder implements LineEncoder {
  private static final byte[] TIMESTAMP = "\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

  private final String source;
  private final String sourcetype;
  private final String index;
  private final GrowingBytes body = new GrowingBytes();

  SplunkHecEncoder(String source, String sourcetype, String index) {
    this.source = source;
    this.sourcetype = sourcetype;
    this.index = index;
  }

  @Override
  public EncodedRequest encode(Batch batch) {
    body.reset();
    for (int i = 0; i < batch.size(); i++) {
      body.write("{");
      String time = epochSeconds(batch.data(), batch.offset(i), batch.length(i));
      if (time != null) {
        body.write("\"time\":" + time + ",");
      }
      ProducerResource producer = batch.producer(i);
      String host = producer == null ? null : producer.get("host.name");
      field("host", host);
      field("source", source);
      field("sourcetype", sourcetype);
      field("index", index);
      body.write("\"event\":");
      body.write(batch.data(), batch.offset(i), batch.length(i));
      body.write("}\n");
    }
    return new EncodedRequest(body.data(), body.size(), "application/json", null, batch.size());
  }

  private void field(String name, String value) {
    if (value != null && !value.isBlank()) {
      body.write("\"" + name + "\":" + jsonString(value) + ",");
    }
  }

  /** The event's {@code timestamp} (written near the start of every native line) as epoch seconds. */
  static String epochSeconds(byte[] data, int offset, int length) {
    int end = offset + length;
    outer:
    for (int i = offset; i + TIMESTAMP.length < end && i < offset + 512; i++) {
      for (int j = 0; j < TIMESTAMP.length; j++) {
        if (data[i + j] != TIMESTAMP[j]) {
          continue outer;
        }
      }
      int start = i + TIMESTAMP.length;
      int close = start;
      while (close < end && data[close] != '"') {
        close++;
      }
      try {
        Instant instant = Instant.parse(new String(data, start, close - start, StandardCharsets.US_ASCII));
        return instant.getEpochSecond() + "." + String.format("%06d", instant.getNano() / 1_000);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}

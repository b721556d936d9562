package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import io.mcpaudit.exporter.spi.http.HttpSender;
import java.io.IOException;

/**
 * OTLP/HTTP logs: each batch rendered as one {@code ExportLogsServiceRequest} and POSTed. Retries, backoff and
 * the journal cursor are the shipper's; a request is encoded again for every attempt, so its observed time is
 * when it was really sent.
 */
final class OtlpExporter implements RemoteExporter {
  private final LogsEncoder encoder;
  private final HttpSender sender;
  private final BatchLimits limits;
  private final String protocol;

  OtlpExporter(LogsEncoder encoder, HttpSender sender, BatchLimits limits, String protocol) {
    this.encoder = encoder;
    this.sender = sender;
    this.limits = limits;
    this.protocol = protocol;
  }

  @Override
  public String name() {
    return "otlp";
  }

  @Override
  public String describe() {
    return "otlp " + protocol + " to " + sender.endpoint();
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  @Override
  public EncodedRequest encode(Batch batch) {
    return encoder.encode(batch, nowNanos());
  }

  /** Lines skipped so far because they were not JSON events. */
  long malformedLines() {
    return encoder.malformedLines();
  }

  static long nowNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  @Override
  public SendResult send(EncodedRequest request) throws IOException, InterruptedException {
    return sender.post(request);
  }

  @Override
  public void close() {}
}

package io.mcpaudit.exporter.http;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import io.mcpaudit.exporter.spi.http.HttpSender;
import java.io.IOException;

/** Renders batches with its line encoder and posts them. */
final class HttpExporter implements RemoteExporter {
  private final LineEncoder encoder;
  private final HttpSender sender;
  private final BatchLimits limits;
  private final String format;

  HttpExporter(LineEncoder encoder, HttpSender sender, BatchLimits limits, String format) {
    this.encoder = encoder;
    this.sender = sender;
    this.limits = limits;
    this.format = format;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public String describe() {
    return "http " + format + " to " + sender.endpoint();
  }

  @Override
  public BatchLimits limits() {
    return limits;
  }

  @Override
  public EncodedRequest encode(Batch batch) {
    return encoder.encode(batch);
  }

  @Override
  public SendResult send(EncodedRequest request) throws IOException, InterruptedException {
    return sender.post(request);
  }

  @Override
  public void close() {}
}

package io.mcpaudit.exporter.http;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;

/** The native lines as they are, one per line ({@code application/x-ndjson}). */
final class NdjsonEncoder implements LineEncoder {
  private final GrowingBytes body = new GrowingBytes();

  @Override
  public EncodedRequest encode(Batch batch) {
    body.reset();
    for (int i = 0; i < batch.size(); i++) {
      body.write(batch.data(), batch.offset(i), batch.length(i));
      body.write((byte) '\n');
    }
    return new EncodedRequest(body.data(), body.size(), "application/x-ndjson", null, batch.size());
  }
}

package io.mcpaudit.exporter.http;

import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;

/** Renders a batch of native lines as one request body. */
interface LineEncoder {
  EncodedRequest encode(Batch batch);
}

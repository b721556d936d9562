package io.mcpaudit.exporter.spi;

import java.io.IOException;

/**
 * A network exporter, driven by a shipper thread: it renders a batch of native lines in its wire format
 * and sends it. Retrying, backing off, moving the journal cursor and quarantining rejected batches are the
 * shipper's; the exporter only says what happened to each send.
 */
public interface RemoteExporter extends AutoCloseable {

  /** The name in {@code mcp.audit.exporters}. */
  String name();

  /** For log lines: kind, format and endpoint, never credentials. */
  String describe();

  /** How big a batch may grow, and how long the shipper waits for one to fill. */
  BatchLimits limits();

  /** Renders {@code batch} as one request. Malformed lines are skipped, never fatal. */
  EncodedRequest encode(Batch batch) throws IOException;

  /**
   * Sends one request and says how it went. Connection failures and timeouts may be thrown as {@link
   * IOException}: they are retried like a {@link SendResult#retry}.
   */
  SendResult send(EncodedRequest request) throws IOException, InterruptedException;

  @Override
  void close();

  /** How big a batch may be: events and bytes, and the longest a partial batch waits for more. */
  record BatchLimits(int maxEvents, int maxBytes, long lingerMillis) {}

  /** One rendered request body. */
  record EncodedRequest(byte[] body, int length, String contentType, String contentEncoding, int events) {}
}

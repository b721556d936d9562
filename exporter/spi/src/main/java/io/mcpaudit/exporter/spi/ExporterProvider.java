package io.mcpaudit.exporter.spi;

import java.io.IOException;

/**
 * One kind of exporter, chosen by its {@link #name} in {@code mcp.audit.exporters} and found with
 * {@link java.util.ServiceLoader} (each exporter module lists its provider in {@code META-INF/services}).
 *
 * <p>Local exporters (a file, standard output) are written by the exporter thread itself, through an
 * {@link AuditSink}. Remote exporters never run there: the exporter thread appends every event to the
 * journal, and a shipper thread per remote exporter reads it from its own cursor, batches, and hands the
 * batches to the {@link RemoteExporter} to render and send, so a slow or dead endpoint can never stall
 * the pipeline or a request.
 */
public interface ExporterProvider {

  /** The name in {@code mcp.audit.exporters}: {@code file}, {@code otlp}, … */
  String name();

  /** Whether this exporter sends over the network (shipped from the journal) rather than writing locally. */
  default boolean remote() {
    return false;
  }

  /**
   * Opens a local exporter. Bad settings are an {@link IllegalArgumentException} whose message names the
   * key (never a secret's value).
   */
  default AuditSink openSink(ExporterContext context) throws IOException {
    throw new UnsupportedOperationException(name() + " is a remote exporter");
  }

  /** Opens a remote exporter; bad settings as for {@link #openSink}. */
  default RemoteExporter openRemote(ExporterContext context) throws IOException {
    throw new UnsupportedOperationException(name() + " is a local exporter");
  }
}

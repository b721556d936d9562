package io.mcpaudit.exporter.journal;

import io.mcpaudit.exporter.spi.ProducerResource;

/**
 * One segment of the journal: the lines numbered {@code firstSeq} to {@code firstSeq + lines - 1}, all
 * written by one process ({@link #producer}). Only the exporter thread appends, and only to the newest
 * segment; {@link #bytes} and {@link #lines} are published after each append, so readers never see a
 * partial line.
 */
final class Segment {
  final long firstSeq;
  final ProducerResource producer;
  /** The store's handle: a file or an in-memory buffer. */
  final Object storage;
  volatile long lines;
  volatile long bytes;

  Segment(long firstSeq, ProducerResource producer, Object storage, long lines, long bytes) {
    this.firstSeq = firstSeq;
    this.producer = producer;
    this.storage = storage;
    this.lines = lines;
    this.bytes = bytes;
  }

  /** The number of the first line after this segment. */
  long endSeq() {
    return firstSeq + lines;
  }
}

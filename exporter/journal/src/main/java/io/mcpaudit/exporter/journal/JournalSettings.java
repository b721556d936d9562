package io.mcpaudit.exporter.journal;

import io.mcpaudit.exporter.spi.ProducerResource;
import java.nio.file.Path;
import java.util.List;

/**
 * How a journal is kept: on disk in {@code dir}, or in memory; at most {@code maxBytes} of segments; and
 * which remote exporters read it (each gets a cursor).
 *
 * @param dir the spool directory; null for memory mode
 */
public record JournalSettings(Path dir, long maxBytes, List<String> readers, ProducerResource producer) {

  public boolean inMemory() {
    return dir == null;
  }

  /** Segments are a sixteenth of the budget (1 to 64 MiB), so eviction frees space in small steps. */
  long segmentBytes() {
    long sixteenth = maxBytes / 16;
    long min = inMemory() ? 256 * 1024 : 1024 * 1024;
    return Math.max(min, Math.min(sixteenth, 64L * 1024 * 1024));
  }
}

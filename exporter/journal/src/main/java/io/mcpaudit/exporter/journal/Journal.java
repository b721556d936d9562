package io.mcpaudit.exporter.journal;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.BatchingSink;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spool between the exporter thread and the remote exporters. The exporter thread appends every
 * serialized line through {@link #sink()} (in batches, like any sink); each remote exporter's shipper
 * reads from its own {@link JournalReader}, whose cursor moves only when a batch was delivered. Lines are
 * numbered from the first the spool ever held; segments roll at a sixteenth of the budget, and when the
 * journal holds more than {@code maxBytes} the oldest segment is evicted: every reader that had not read
 * all of it loses the rest, which is counted ({@link #takeEvictions}) so the pipeline can report it.
 *
 * <p>Each process writes segments of its own (the first one at start), and the process that wrote a
 * segment is recorded beside it ({@link ProducerResource}): events sent after a restart still name it.
 */
public final class Journal implements AutoCloseable {
  private final SegmentStore store;
  private final JournalSettings settings;
  private final long segmentBytes;
  /** Oldest first; guarded by {@code this}. The last is the one being appended to. */
  private final List<Segment> segments = new ArrayList<>();
  private final Map<String, JournalReader> readers = new LinkedHashMap<>();
  private final List<Eviction> evictions = new ArrayList<>();
  private final Sink sink = new Sink();
  private Segment active;
  private volatile long nextSeq;
  private volatile long totalBytes;

  private Journal(SegmentStore store, JournalSettings settings) throws IOException {
    this.store = store;
    this.settings = settings;
    this.segmentBytes = settings.segmentBytes();
    List<Segment> existing = store.existing();
    segments.addAll(existing);
    long next = existing.isEmpty() ? 0 : existing.get(existing.size() - 1).endSeq();
    for (Segment s : existing) {
      store.seal(s);
      totalBytes += s.bytes;
    }
    nextSeq = next;
    active = store.create(next, settings.producer());
    segments.add(active);
    for (String name : settings.readers()) {
      readers.put(name, new JournalReader(name, this, store.loadCursor(name)));
    }
    if (!existing.isEmpty()) {
      long pending = readers.values().stream().mapToLong(JournalReader::lag).max().orElse(0);
      AgentLog.info("journal in " + store.describe() + " holds " + (next - existing.get(0).firstSeq)
          + " events from earlier runs; " + pending + " still to send");
    }
  }

  /** Opens the journal on disk (or in memory), taking over what an earlier run left in the spool directory. */
  public static Journal open(JournalSettings settings) throws IOException {
    SegmentStore store = settings.inMemory() ? new MemoryStore() : DiskStore.open(settings.dir());
    try {
      return new Journal(store, settings);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The sink the exporter thread appends every line to. */
  public AuditSink sink() {
    return sink;
  }

  /** The reader of one remote exporter (named when the journal was opened). */
  public JournalReader reader(String exporter) {
    JournalReader reader = readers.get(exporter);
    if (reader == null) {
      throw new IllegalArgumentException("no journal reader for " + exporter);
    }
    return reader;
  }

  public long nextSeq() {
    return nextSeq;
  }

  public long bytes() {
    return totalBytes;
  }

  public long maxBytes() {
    return settings.maxBytes();
  }

  public boolean inMemory() {
    return settings.inMemory();
  }

  /** Where rejected batches are kept, or null in memory mode. */
  public Path quarantineDir() {
    return store.quarantineDir();
  }

  public String describe() {
    return store.describe();
  }

  /** Losses by eviction since the last call (also those found at start: segments gone before a reader read them). */
  public synchronized List<Eviction> takeEvictions() {
    for (JournalReader reader : readers.values()) {
      Eviction atStart = reader.takeLostAtOpen();
      if (atStart != null) {
        evictions.add(atStart);
      }
    }
    if (evictions.isEmpty()) {
      return List.of();
    }
    List<Eviction> taken = new ArrayList<>(evictions);
    evictions.clear();
    return taken;
  }

  // ---- for readers ------------------------------------------------------------------------------

  /** The segment holding line {@code seq}, or the first one after it, or null when there is none yet. */
  synchronized Segment segmentFor(long seq) {
    for (Segment s : segments) {
      if (seq < s.endSeq() || s == active) {
        return s;
      }
    }
    return null;
  }

  synchronized Segment segmentStarting(long firstSeq) {
    for (Segment s : segments) {
      if (s.firstSeq == firstSeq) {
        return s;
      }
    }
    return null;
  }

  /** The segment after {@code s}, or null when {@code s} is the newest (or was evicted: then the oldest). */
  synchronized Segment next(Segment s) {
    int at = segments.indexOf(s);
    if (at < 0) {
      return segments.isEmpty() ? null : segments.get(0);
    }
    return at + 1 < segments.size() ? segments.get(at + 1) : null;
  }

  synchronized long oldestSeq() {
    return segments.isEmpty() ? nextSeq : segments.get(0).firstSeq;
  }

  synchronized boolean isActive(Segment s) {
    return s == active;
  }

  int read(Segment segment, long position, byte[] into, int offset, int length) throws IOException {
    return store.read(segment, position, into, offset, length);
  }

  void saveCursor(String reader, Cursor cursor) throws IOException {
    store.saveCursor(reader, cursor);
  }

  // ---- appending (exporter thread) ---------------------------------------------------------------

  private void append(ByteBuffer lines, int lineCount) throws IOException {
    int length = lines.remaining();
    if (active.bytes > 0 && active.bytes + length > segmentBytes) {
      roll();
    }
    store.append(active, lines);
    active.lines += lineCount;
    active.bytes += length; // published last: readers only ever read up to it
    totalBytes += length;
    nextSeq += lineCount;
    for (JournalReader reader : readers.values()) {
      reader.appended(nextSeq);
    }
  }

  private void roll() throws IOException {
    Segment fresh = store.create(nextSeq, settings.producer());
    synchronized (this) {
      store.seal(active);
      active = fresh;
      segments.add(fresh);
      while (totalBytes > settings.maxBytes() && segments.size() > 1) {
        evictOldest();
      }
    }
  }

  /** Caller holds {@code this}. */
  private void evictOldest() {
    Segment oldest = segments.remove(0);
    for (JournalReader reader : readers.values()) {
      long lost = reader.evicted(oldest);
      if (lost > 0) {
        evictions.add(new Eviction(reader.name(), lost, oldest.firstSeq, oldest.endSeq()));
      }
    }
    totalBytes -= oldest.bytes;
    store.delete(oldest);
  }

  @Override
  public void close() {
    sink.close();
    for (JournalReader reader : readers.values()) {
      reader.wake();
    }
    store.close();
  }

  /** Appends through {@link BatchingSink}: written out at the end of every batch, failures counted and cut back. */
  private final class Sink extends BatchingSink {
    @Override
    protected void writeOut(ByteBuffer lines) throws IOException {
      Journal.this.append(lines, 0);
    }

    @Override
    protected void writeOut(ByteBuffer lines, int lineCount) throws IOException {
      Journal.this.append(lines, lineCount);
    }

    @Override
    protected boolean recover() {
      return store.truncate(active, active.bytes);
    }

    @Override
    public void close() {
      flush();
      store.seal(active);
    }

    @Override
    public String describe() {
      return "journal (" + store.describe() + ")";
    }
  }
}

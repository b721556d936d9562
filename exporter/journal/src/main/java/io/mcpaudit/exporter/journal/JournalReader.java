package io.mcpaudit.exporter.journal;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.spi.Batch;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * One remote exporter's view of the journal: {@link #peek} fills a batch with the lines after its cursor,
 * {@link #commit} moves the cursor past them (and persists it) once they were delivered. Used by one
 * shipper thread; eviction, on the exporter thread, may move the cursor forward past lines that were never
 * read (counted as lost).
 */
public final class JournalReader {
  private static final int MAX_LINE = 16 * 1024 * 1024;

  private final String name;
  private final Journal journal;
  /** The committed cursor: the next line to deliver, where it starts. Guarded by {@code this}. */
  private long seq;
  private Segment segment;
  private long offset;
  /** Where the last peek ended; committed by {@link #commit}. */
  private long peekSeq;
  private Segment peekSegment;
  private long peekOffset;
  private boolean peeked;
  private Eviction lostAtOpen;
  private byte[] buffer = new byte[256 * 1024];
  /** The shipper thread while it waits for lines, and how many lines would end the wait. */
  private volatile Thread waiter;
  private volatile long wakeAtSeq = Long.MAX_VALUE;

  JournalReader(String name, Journal journal, Cursor saved) {
    this.name = name;
    this.journal = journal;
    long oldest = journal.oldestSeq();
    if (saved == null) {
      seq = oldest; // a new exporter sends whatever the spool holds
    } else if (saved.seq() < oldest) {
      lostAtOpen = new Eviction(name, oldest - saved.seq(), saved.seq(), oldest);
      seq = oldest;
    } else {
      seq = saved.seq();
      Segment at = journal.segmentStarting(saved.segmentFirstSeq());
      if (at != null && saved.offset() <= at.bytes && saved.seq() >= at.firstSeq && saved.seq() <= at.endSeq()) {
        segment = at;
        offset = saved.offset();
      } else {
        AgentLog.warn("journal cursor of " + name + " does not match the spool; sending from the start of its segment");
      }
    }
  }

  public String name() {
    return name;
  }

  /**
   * Copies up to {@code maxEvents} lines (at most {@code maxBytes}, but always at least one) after the cursor
   * into {@code batch} (cleared first). The cursor does not move until {@link #commit}.
   */
  public synchronized int peek(Batch batch, int maxEvents, int maxBytes) throws IOException {
    batch.clear();
    peeked = false;
    if (segment == null) {
      segment = journal.segmentFor(seq);
      offset = 0;
      if (segment == null) {
        return 0;
      }
      if (seq < segment.firstSeq) {
        seq = segment.firstSeq;
      }
      skipTo(seq);
    }
    long atSeq = seq;
    Segment at = segment;
    long atOffset = offset;
    while (batch.size() < maxEvents && at != null) {
      long available = at.bytes - atOffset;
      if (available <= 0) {
        if (journal.isActive(at)) {
          break;
        }
        Segment next = journal.next(at);
        if (next == null) {
          break;
        }
        at = next;
        atOffset = 0;
        continue;
      }
      int read = journal.read(at, atOffset, buffer, 0, (int) Math.min(available, buffer.length));
      if (read <= 0) {
        break;
      }
      int start = 0;
      boolean full = false;
      for (int i = 0; i < read; i++) {
        if (buffer[i] != '\n') {
          continue;
        }
        int length = i - start;
        if (length > 0) {
          if (batch.size() > 0 && (batch.bytes() + length > maxBytes || batch.size() >= maxEvents)) {
            full = true;
            break;
          }
          batch.add(buffer, start, length, at.producer);
          atSeq++;
        }
        start = i + 1;
      }
      if (start == 0 && !full) {
        if (read < buffer.length) {
          break; // not a complete line yet (never happens for what the journal published, but be safe)
        }
        if (buffer.length >= MAX_LINE) {
          throw new IOException("a journal line is longer than " + MAX_LINE + " bytes");
        }
        buffer = new byte[buffer.length * 2]; // a line longer than the buffer: read again with room for it
        continue;
      }
      atOffset += start;
      if (full) {
        break;
      }
    }
    peekSeq = atSeq;
    peekSegment = at;
    peekOffset = atOffset;
    peeked = true;
    return batch.size();
  }

  /** The lines of the last {@link #peek} were delivered (or quarantined): moves past them and persists the cursor. */
  public synchronized void commit() throws IOException {
    if (!peeked) {
      return;
    }
    peeked = false;
    seq = peekSeq;
    segment = peekSegment;
    offset = peekOffset;
    if (segment != null) {
      journal.saveCursor(name, new Cursor(seq, segment.firstSeq, offset));
    }
  }

  /** Lines appended but not yet delivered. */
  public long lag() {
    return Math.max(0, journal.nextSeq() - seq);
  }

  /**
   * Waits until at least {@code events} lines are waiting, or {@code nanos} passed, or {@link #wake}. A
   * shipper waits for a full batch here, so a moderately loaded server does not wake it per event.
   */
  public void await(long events, long nanos) {
    long target = seq + events;
    if (journal.nextSeq() >= target) {
      return;
    }
    waiter = Thread.currentThread();
    wakeAtSeq = target;
    try {
      if (journal.nextSeq() < target) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      wakeAtSeq = Long.MAX_VALUE;
      waiter = null;
    }
  }

  /** Ends a wait early (the pipeline is stopping). */
  public void wake() {
    Thread t = waiter;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Exporter thread, after an append: wakes the shipper when its batch is full. */
  void appended(long nextSeq) {
    if (nextSeq >= wakeAtSeq) {
      wake();
    }
  }

  /**
   * Exporter thread, evicting {@code evicted}: the lines of it this reader had not delivered are lost; the
   * cursor moves to the start of the next segment. Returns how many were lost.
   */
  synchronized long evicted(Segment evicted) {
    if (seq >= evicted.endSeq()) {
      return 0;
    }
    long lost = evicted.endSeq() - Math.max(seq, evicted.firstSeq);
    seq = evicted.endSeq();
    segment = null;
    offset = 0;
    peeked = false; // a batch read from the evicted segment is not committed: it was counted as lost
    try {
      Segment next = journal.segmentFor(seq);
      if (next != null) {
        journal.saveCursor(name, new Cursor(seq, next.firstSeq, 0));
      }
    } catch (IOException e) {
      // the next commit saves it
    }
    return lost;
  }

  Eviction takeLostAtOpen() {
    Eviction e = lostAtOpen;
    lostAtOpen = null;
    return e;
  }

  /** Positions {@link #offset} at line {@code target} of {@link #segment}, reading from its start. */
  private void skipTo(long target) throws IOException {
    long line = segment.firstSeq;
    long position = 0;
    while (line < target && position < segment.bytes) {
      int read = journal.read(segment, position, buffer, 0, (int) Math.min(buffer.length, segment.bytes - position));
      if (read <= 0) {
        break;
      }
      int i = 0;
      for (; i < read && line < target; i++) {
        if (buffer[i] == '\n' && (position + i == 0 || previousByte(i, position) != '\n')) {
          line++;
        }
      }
      position += i;
    }
    offset = position;
  }

  private byte previousByte(int i, long position) throws IOException {
    if (i > 0) {
      return buffer[i - 1];
    }
    byte[] one = new byte[1];
    journal.read(segment, position - 1, one, 0, 1);
    return one[0];
  }
}

package io.mcpaudit.exporter.journal;

import io.mcpaudit.exporter.spi.ProducerResource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** Where segments and cursors live: files ({@link DiskStore}) or the heap ({@link MemoryStore}). */
interface SegmentStore {

  /** The segments an earlier run left, oldest first, the last one cut back to its last complete line. */
  List<Segment> existing() throws IOException;

  Segment create(long firstSeq, ProducerResource producer) throws IOException;

  /** Appends every remaining byte or throws. Exporter thread only. */
  void append(Segment segment, ByteBuffer bytes) throws IOException;

  /** Cuts the segment back to {@code size} bytes after a failed append; false when that is impossible. */
  boolean truncate(Segment segment, long size);

  /** Reads from {@code position}; any thread. Returns the bytes read. */
  int read(Segment segment, long position, byte[] into, int offset, int length) throws IOException;

  /** No more appends to this segment. */
  void seal(Segment segment);

  void delete(Segment segment);

  Cursor loadCursor(String reader);

  void saveCursor(String reader, Cursor cursor) throws IOException;

  /** Where rejected batches are kept, or null when they cannot be (memory mode). */
  Path quarantineDir();

  /** Human description for log lines. */
  String describe();

  void close();
}

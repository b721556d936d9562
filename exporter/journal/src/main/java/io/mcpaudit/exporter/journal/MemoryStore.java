package io.mcpaudit.exporter.journal;

import io.mcpaudit.exporter.spi.ProducerResource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Segments on the heap, for read-only file systems ({@code mcp.audit.spool.mode=memory}): bounded like the
 * disk journal, lost when the process dies, and nothing can be quarantined.
 */
final class MemoryStore implements SegmentStore {
  private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

  /** The bytes of one segment; the array is replaced when it grows, after the bytes are copied. */
  private static final class Buffer {
    volatile byte[] data = new byte[64 * 1024];
  }

  @Override
  public List<Segment> existing() {
    return List.of();
  }

  @Override
  public Segment create(long firstSeq, ProducerResource producer) {
    return new Segment(firstSeq, producer, new Buffer(), 0, 0);
  }

  @Override
  public void append(Segment segment, ByteBuffer bytes) {
    Buffer buffer = (Buffer) segment.storage;
    int at = (int) segment.bytes;
    int length = bytes.remaining();
    byte[] data = buffer.data;
    if (at + length > data.length) {
      data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, at + length));
    }
    bytes.get(data, at, length);
    buffer.data = data; // published before the journal publishes the new size
  }

  @Override
  public boolean truncate(Segment segment, long size) {
    return true; // an append to memory does not fail halfway
  }

  @Override
  public int read(Segment segment, long position, byte[] into, int offset, int length) {
    byte[] data = ((Buffer) segment.storage).data;
    int n = (int) Math.max(0, Math.min(length, segment.bytes - position));
    System.arraycopy(data, (int) position, into, offset, n);
    return n;
  }

  @Override
  public void seal(Segment segment) {
    Buffer buffer = (Buffer) segment.storage;
    buffer.data = java.util.Arrays.copyOf(buffer.data, (int) segment.bytes); // give back the slack
  }

  @Override
  public void delete(Segment segment) {
    ((Buffer) segment.storage).data = new byte[0];
  }

  @Override
  public Cursor loadCursor(String reader) {
    return cursors.get(reader);
  }

  @Override
  public void saveCursor(String reader, Cursor cursor) {
    cursors.put(reader, cursor);
  }

  @Override
  public Path quarantineDir() {
    return null;
  }

  @Override
  public String describe() {
    return "memory (lost if the process dies)";
  }

  @Override
  public void close() {}
}

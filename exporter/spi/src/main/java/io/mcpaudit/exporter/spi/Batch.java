package io.mcpaudit.exporter.spi;

import java.util.Arrays;

/**
 * Native event lines (schema version 1 JSON, without the trailing newline) read from the journal for one
 * send, with the process that produced each. One instance is reused by its shipper thread: lines are
 * copied into one growing buffer, so reading a batch allocates nothing per line.
 */
public final class Batch {
  private byte[] data = new byte[64 * 1024];
  private int[] offsets = new int[64];
  private int[] lengths = new int[64];
  private ProducerResource[] producers = new ProducerResource[64];
  private int size;
  private int bytes;

  public int size() {
    return size;
  }

  /** Bytes of all lines together. */
  public int bytes() {
    return bytes;
  }

  public byte[] data() {
    return data;
  }

  public int offset(int line) {
    return offsets[line];
  }

  public int length(int line) {
    return lengths[line];
  }

  public ProducerResource producer(int line) {
    return producers[line];
  }

  public void clear() {
    size = 0;
    bytes = 0;
    Arrays.fill(producers, null);
  }

  /** Copies one line in. */
  public void add(byte[] source, int offset, int length, ProducerResource producer) {
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, size * 2);
      lengths = Arrays.copyOf(lengths, size * 2);
      producers = Arrays.copyOf(producers, size * 2);
    }
    if (bytes + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, bytes + length));
    }
    System.arraycopy(source, offset, data, bytes, length);
    offsets[size] = bytes;
    lengths[size] = length;
    producers[size] = producer;
    size++;
    bytes += length;
  }

  /** The line as a string (tests, quarantine files). */
  public String line(int line) {
    return new String(data, offsets[line], lengths[line], java.nio.charset.StandardCharsets.UTF_8);
  }
}

package io.mcpaudit.exporter.otlp;

import java.util.Arrays;

/**
 * A growing byte array that request bodies are built in, reused from batch to batch so that encoding
 * allocates nothing once it has grown to the size of the largest batch.
 */
class ByteSink {
  byte[] data;
  int size;

  ByteSink(int capacity) {
    data = new byte[capacity];
  }

  final void reset() {
    size = 0;
  }

  final byte[] data() {
    return data;
  }

  final int size() {
    return size;
  }

  final void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }
  }

  final void raw(byte b) {
    ensure(1);
    data[size++] = b;
  }

  final void raw(byte[] bytes) {
    raw(bytes, 0, bytes.length);
  }

  final void raw(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, data, size, length);
    size += length;
  }
}

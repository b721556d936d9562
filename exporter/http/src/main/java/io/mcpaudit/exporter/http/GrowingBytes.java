package io.mcpaudit.exporter.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A reused byte buffer a request body is built in. */
final class GrowingBytes {
  private byte[] data = new byte[256 * 1024];
  private int size;

  void reset() {
    size = 0;
  }

  void write(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, data, size, length);
    size += length;
  }

  void write(byte b) {
    ensure(1);
    data[size++] = b;
  }

  void write(String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.UTF_8);
    write(bytes, 0, bytes.length);
  }

  byte[] data() {
    return data;
  }

  int size() {
    return size;
  }

  private void ensure(int more) {
    if (size + more > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }
  }
}

package io.mcpaudit.exporter.otlp;

import java.util.Arrays;

/**
 * A growing byte array that request bodies are built in, reused from batch to batch so that encoding
 * allocates nothing once it has grown to the size of the largest batch. Also UTF-8 encoding straight from
 * the parser's character buffer, so strings never become {@link String}s on the way.
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

  /** Appends the characters as UTF-8 (unpaired surrogates as {@code ?}, as {@link String#getBytes} does). */
  final void utf8(char[] chars, int offset, int length) {
    ensure(length * 3);
    byte[] d = data;
    int p = size;
    int end = offset + length;
    int i = offset;
    while (i < end && chars[i] < 0x80) { // the common case: ASCII
      d[p++] = (byte) chars[i++];
    }
    for (; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        d[p++] = (byte) c;
      } else if (c < 0x800) {
        d[p++] = (byte) (0xC0 | c >> 6);
        d[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(c, chars[++i]);
        d[p++] = (byte) (0xF0 | cp >> 18);
        d[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        d[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        d[p++] = (byte) (0x80 | cp & 0x3F);
      } else if (Character.isSurrogate(c)) {
        d[p++] = '?';
      } else {
        d[p++] = (byte) (0xE0 | c >> 12);
        d[p++] = (byte) (0x80 | c >> 6 & 0x3F);
        d[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    size = p;
  }
}

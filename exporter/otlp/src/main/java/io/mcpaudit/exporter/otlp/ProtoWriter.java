package io.mcpaudit.exporter.otlp;

import java.nio.charset.StandardCharsets;

/**
 * Protocol buffers wire format, written by hand: the agent ships no protobuf runtime. Only what OTLP logs
 * need: varints, fixed64, length-delimited strings, bytes and nested messages.
 *
 * <p>A nested message's length comes before its content but is known only after it. {@link #open} reserves
 * a guess of the length's varint size (1 byte: most KeyValues and AnyValues are shorter than 128 bytes; a
 * caller expecting a big message reserves more) and {@link #close} writes the length there, moving the
 * content by the difference when the guess was wrong. The output is canonical (shortest varints), and
 * content is written once and moved by a few bytes at most, instead of being measured in a first pass. (Only
 * an event's body is copied once more, from {@link ProtoBody}'s buffer, because the resource it belongs under
 * is known only after the event has been read.)
 */
final class ProtoWriter extends ByteSink {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;

  private int[] openStarts = new int[32];
  private int[] openReserved = new int[32];
  private int depth;

  ProtoWriter(int capacity) {
    super(capacity);
  }

  void clear() {
    reset();
    depth = 0;
  }

  void tag(int field, int wireType) {
    varint((field << 3) | wireType);
  }

  void varint(long value) {
    if ((value & ~0x7FL) == 0) { // tags, small lengths, booleans: most varints are one byte
      ensure(1);
      data[size++] = (byte) value;
      return;
    }
    ensure(10);
    byte[] d = data;
    int p = size;
    while ((value & ~0x7FL) != 0) {
      d[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    d[p++] = (byte) value;
    size = p;
  }

  static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  void fixed64(int field, long value) {
    tag(field, FIXED64);
    ensure(8);
    for (int i = 0; i < 8; i++) {
      data[size++] = (byte) (value >>> (8 * i));
    }
  }

  void doubleField(int field, double value) {
    fixed64(field, Double.doubleToRawLongBits(value));
  }

  void varintField(int field, long value) {
    tag(field, VARINT);
    varint(value);
  }

  void bytesField(int field, byte[] bytes, int offset, int length) {
    tag(field, LEN);
    varint(length);
    raw(bytes, offset, length);
  }

  /** A string field from a constant; callers keep the bytes of constants rather than encoding them each time. */
  void stringField(int field, byte[] utf8) {
    bytesField(field, utf8, 0, utf8.length);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Starts a nested message (or packed field) {@code field}; its length is written by {@link #close}. */
  void open(int field, int reserve) {
    ensure(5 + reserve);
    int tag = (field << 3) | LEN;
    if (tag < 0x80) {
      data[size++] = (byte) tag;
    } else {
      varint(tag);
    }
    size += reserve;
    if (depth == openStarts.length) {
      openStarts = java.util.Arrays.copyOf(openStarts, depth * 2);
      openReserved = java.util.Arrays.copyOf(openReserved, depth * 2);
    }
    openStarts[depth] = size;
    openReserved[depth] = reserve;
    depth++;
  }

  void open(int field) {
    open(field, 1);
  }

  /** Ends the innermost open message: writes its length, moving the content if the reserved room was not right. */
  void close() {
    depth--;
    int start = openStarts[depth];
    int reserved = openReserved[depth];
    int length = size - start;
    if (length < 0x80 && reserved == 1) { // most: a KeyValue or AnyValue of a short string
      data[start - 1] = (byte) length;
      return;
    }
    int needed = varintSize(length);
    if (needed != reserved) {
      int shift = needed - reserved;
      ensure(Math.max(shift, 0));
      System.arraycopy(data, start, data, start + shift, length);
      size += shift;
    }
    int p = start - reserved;
    long value = length;
    while ((value & ~0x7FL) != 0) {
      data[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    data[p] = (byte) value;
  }
}

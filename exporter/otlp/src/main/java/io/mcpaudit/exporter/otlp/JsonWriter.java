package io.mcpaudit.exporter.otlp;

/**
 * JSON text for OTLP/JSON bodies, written into a reused buffer: punctuation, pre-encoded names, and strings
 * escaped from UTF-8 bytes (no {@link String} per value).
 */
final class JsonWriter extends ByteSink {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  JsonWriter(int capacity) {
    super(capacity);
  }

  /** A quoted, escaped string from valid UTF-8 bytes (multi-byte sequences are copied as they are). */
  void string(byte[] utf8, int offset, int length) {
    raw((byte) '"');
    escaped(utf8, offset, length);
    raw((byte) '"');
  }

  /** The inside of a JSON string from valid UTF-8 bytes, without the quotes. */
  void escaped(byte[] utf8, int offset, int length) {
    int end = offset + length;
    int from = offset;
    for (int i = offset; i < end; i++) {
      int b = utf8[i] & 0xFF;
      if (b < 0x20 || b == '"' || b == '\\') {
        raw(utf8, from, i - from);
        escape((char) b);
        from = i + 1;
      }
    }
    raw(utf8, from, end - from);
  }

  private void escape(char c) {
    ensure(6);
    data[size++] = '\\';
    switch (c) {
      case '"' -> data[size++] = '"';
      case '\\' -> data[size++] = '\\';
      case '\n' -> data[size++] = 'n';
      case '\r' -> data[size++] = 'r';
      case '\t' -> data[size++] = 't';
      default -> {
        data[size++] = 'u';
        data[size++] = '0';
        data[size++] = '0';
        data[size++] = HEX[c >> 4];
        data[size++] = HEX[c & 0xF];
      }
    }
  }

  /** A decimal number (the caller quotes it when it is a 64-bit integer, as OTLP/JSON wants). */
  void decimal(long value) {
    if (value == Long.MIN_VALUE) {
      raw(ProtoWriter.bytes("-9223372036854775808"));
      return;
    }
    ensure(20);
    if (value < 0) {
      data[size++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int p = size + digits;
    size = p;
    do {
      data[--p] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
  }

  /** Bytes as lowercase hex in quotes (OTLP/JSON trace and span ids). */
  void hex(byte[] bytes, int length) {
    ensure(length * 2 + 2);
    data[size++] = '"';
    for (int i = 0; i < length; i++) {
      data[size++] = HEX[(bytes[i] >> 4) & 0xF];
      data[size++] = HEX[bytes[i] & 0xF];
    }
    data[size++] = '"';
  }

  /** Drops a trailing comma, if the last byte is one (lists written "element," each). */
  void dropComma() {
    if (size > 0 && data[size - 1] == ',') {
      size--;
    }
  }
}

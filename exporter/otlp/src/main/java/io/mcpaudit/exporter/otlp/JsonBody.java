package io.mcpaudit.exporter.otlp;

/**
 * The body as OTLP/JSON AnyValue: {@code {"kvlistValue":{"values":[{"key":…,"value":{…}}]}}} for objects,
 * {@code {"arrayValue":{"values":[…]}}} for arrays, {@code stringValue}, {@code boolValue}, {@code intValue}
 * (a decimal string, as proto3 JSON writes 64-bit integers) and {@code doubleValue}; a null is an empty
 * AnyValue. Numbers keep their JSON text. Written into its own buffer, like {@link ProtoBody}.
 */
final class JsonBody implements BodyWriter {
  private static final byte[] KVLIST = ProtoWriter.bytes("{\"kvlistValue\":{\"values\":[");
  private static final byte[] ARRAY = ProtoWriter.bytes("{\"arrayValue\":{\"values\":[");
  private static final byte[] CLOSE_LIST = ProtoWriter.bytes("]}}");
  private static final byte[] KEY = ProtoWriter.bytes("{\"key\":");
  private static final byte[] VALUE = ProtoWriter.bytes(",\"value\":");
  private static final byte[] STRING = ProtoWriter.bytes("{\"stringValue\":");
  private static final byte[] INT = ProtoWriter.bytes("{\"intValue\":\"");
  private static final byte[] DOUBLE = ProtoWriter.bytes("{\"doubleValue\":");
  private static final byte[] TRUE = ProtoWriter.bytes("{\"boolValue\":true}");
  private static final byte[] FALSE = ProtoWriter.bytes("{\"boolValue\":false}");
  private static final byte[] EMPTY = ProtoWriter.bytes("{}");
  private static final byte[] END_INT = ProtoWriter.bytes("\"}");

  final JsonWriter out = new JsonWriter(32 * 1024);
  private boolean[] array = new boolean[64];
  private int depth;

  @Override
  public void clear() {
    out.reset();
    depth = 0;
  }

  private void push(boolean isArray) {
    if (depth == array.length) {
      array = java.util.Arrays.copyOf(array, depth * 2);
    }
    array[depth++] = isArray;
  }

  /** Every element and member is followed by a comma; the list's end drops the last one. */
  private void endValue() {
    if (depth > 0) {
      if (!array[depth - 1]) {
        out.raw((byte) '}'); // the KeyValue
      }
      out.raw((byte) ',');
    }
  }

  @Override
  public void startObject() {
    out.raw(KVLIST);
    push(false);
  }

  @Override
  public void endObject() {
    depth--;
    out.dropComma();
    out.raw(CLOSE_LIST);
    endValue();
  }

  @Override
  public void startArray() {
    out.raw(ARRAY);
    push(true);
  }

  @Override
  public void endArray() {
    depth--;
    out.dropComma();
    out.raw(CLOSE_LIST);
    endValue();
  }

  @Override
  public void field(byte[] utf8, int offset, int length) {
    out.raw(KEY);
    out.string(utf8, offset, length);
    out.raw(VALUE);
  }

  @Override
  public void string(byte[] utf8, int offset, int length) {
    out.raw(STRING);
    out.string(utf8, offset, length);
    out.raw((byte) '}');
    endValue();
  }

  @Override
  public void integer(long value, byte[] text, int offset, int length) {
    out.raw(INT);
    out.raw(text, offset, length);
    out.raw(END_INT);
    endValue();
  }

  @Override
  public boolean numbersAsText() {
    return true; // OTLP/JSON takes the JSON number as it is
  }

  @Override
  public void number(double value, byte[] text, int offset, int length) {
    out.raw(DOUBLE);
    out.raw(text, offset, length);
    out.raw((byte) '}');
    endValue();
  }

  @Override
  public void bool(boolean value) {
    out.raw(value ? TRUE : FALSE);
    endValue();
  }

  @Override
  public void nullValue() {
    out.raw(EMPTY);
    endValue();
  }
}

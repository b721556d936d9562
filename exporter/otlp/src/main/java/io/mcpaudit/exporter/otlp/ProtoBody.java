package io.mcpaudit.exporter.otlp;

/**
 * The body as protobuf AnyValue content: an object is {@code kvlist_value} (KeyValueList of KeyValue), an
 * array {@code array_value}, and each value an AnyValue of its type. Written into its own buffer (the
 * content of the LogRecord's {@code body} field), since the LogRecord it goes into is begun only once the
 * whole event has been read.
 */
final class ProtoBody implements BodyWriter {
  // AnyValue
  private static final int STRING_VALUE = 1;
  private static final int BOOL_VALUE = 2;
  private static final int INT_VALUE = 3;
  private static final int DOUBLE_VALUE = 4;
  private static final int ARRAY_VALUE = 5;
  private static final int KVLIST_VALUE = 6;
  // KeyValueList.values, ArrayValue.values; KeyValue.key, KeyValue.value
  private static final int VALUES = 1;
  private static final int KEY = 1;
  private static final int VALUE = 2;

  final ProtoWriter out = new ProtoWriter(16 * 1024);
  /** Whether each open container is an array (else an object); index 0 is the event itself. */
  private boolean[] array = new boolean[64];
  private int depth;

  @Override
  public void clear() {
    out.clear();
    depth = 0;
  }

  private void push(boolean isArray) {
    if (depth == array.length) {
      array = java.util.Arrays.copyOf(array, depth * 2);
    }
    array[depth++] = isArray;
  }

  /** An array element is an AnyValue of its own; an object member's AnyValue was opened by {@link #field}. */
  private void beginValue() {
    if (depth > 0 && array[depth - 1]) {
      out.open(VALUES);
    }
  }

  private void endValue() {
    if (depth > 0) {
      out.close(); // the AnyValue
      if (!array[depth - 1]) {
        out.close(); // the KeyValue
      }
    }
  }

  @Override
  public void startObject() {
    beginValue();
    out.open(KVLIST_VALUE, depth == 0 ? 2 : 1);
    push(false);
  }

  @Override
  public void endObject() {
    depth--;
    out.close();
    endValue();
  }

  @Override
  public void startArray() {
    beginValue();
    out.open(ARRAY_VALUE);
    push(true);
  }

  @Override
  public void endArray() {
    depth--;
    out.close();
    endValue();
  }

  @Override
  public void field(byte[] utf8, int offset, int length) {
    out.open(VALUES);
    out.bytesField(KEY, utf8, offset, length);
    out.open(VALUE);
  }

  @Override
  public void string(byte[] utf8, int offset, int length) {
    beginValue();
    out.bytesField(STRING_VALUE, utf8, offset, length);
    endValue();
  }

  @Override
  public void integer(long value, byte[] text, int offset, int length) {
    beginValue();
    out.varintField(INT_VALUE, value);
    endValue();
  }

  @Override
  public void number(double value, byte[] text, int offset, int length) {
    beginValue();
    out.doubleField(DOUBLE_VALUE, value);
    endValue();
  }

  @Override
  public void bool(boolean value) {
    beginValue();
    out.varintField(BOOL_VALUE, value ? 1 : 0);
    endValue();
  }

  @Override
  public void nullValue() {
    beginValue(); // an AnyValue with no value set: OTLP's null
    endValue();
  }
}

package io.mcpaudit.exporter.otlp;

/**
 * Receives one native event token by token from {@link EventReader} and renders it as an OTLP AnyValue (a
 * kvlist for the event, kvlists for nested objects, arrays, strings, booleans, ints, doubles), so that the
 * body carries every field of the event, including ones this exporter has never heard of. Text arrives as
 * UTF-8 in the scanner's buffer (the line itself, or its decoded copy), valid only during the call.
 */
interface BodyWriter {
  /** Forgets what was written for the current line. */
  void clear();

  void startObject();

  void endObject();

  void startArray();

  void endArray();

  /** The name of the next value in the current object, as UTF-8. */
  void field(byte[] utf8, int offset, int length);

  /** A string value, as UTF-8. */
  void string(byte[] utf8, int offset, int length);

  /** An integer that fits 64 bits; {@code text} is its JSON text (ASCII digits). */
  void integer(long value, byte[] text, int offset, int length);

  /** True when {@link #number} uses only the text: the reader then does not parse the double. */
  default boolean numbersAsText() {
    return false;
  }

  /**
   * Any other number (a fraction, an exponent, or an integer too big for 64 bits); {@code text} is its JSON text,
   * {@code value} 0 when {@link #numbersAsText}.
   */
  void number(double value, byte[] text, int offset, int length);

  void bool(boolean value);

  void nullValue();
}

package io.mcpaudit.exporter.model.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The reader of native lines: a pull tokenizer over one line's UTF-8 bytes, for the threads that read the journal
 * back (shippers). Strict JSON (RFC 8259): anything else is a {@link Malformed} line, never a guess.
 *
 * <p>Why not a general parser: a line's strings are almost always plain, so a name or a string value is handed out
 * as the range of the line's own bytes it occupies — no decoding to characters and encoding back, nothing
 * allocated. Only a string with escapes is decoded, into a reused buffer. UTF-8 is validated on the way (a shipper
 * must not send invalid text onward); an escaped lone surrogate becomes {@code ?}, as {@link String#getBytes} writes
 * it. Numbers are checked against the JSON grammar; an integer that fits 64 bits is given as a {@code long}, any
 * other number as a {@code double} computed only when asked for.
 *
 * <p>One instance per thread, reused line after line through {@link #reset}.
 */
public final class LineScanner {
  public static final int END = -1;
  public static final int START_OBJECT = 0;
  public static final int END_OBJECT = 1;
  public static final int START_ARRAY = 2;
  public static final int END_ARRAY = 3;
  /** A member's name: {@link #text} etc. hold it, and the next token is its value. */
  public static final int NAME = 4;
  public static final int STRING = 5;
  /** A number without fraction or exponent that fits 64 bits: {@link #longValue}. */
  public static final int INTEGER = 6;
  /** Any other number: {@link #doubleValue}. */
  public static final int NUMBER = 7;
  public static final int TRUE = 8;
  public static final int FALSE = 9;
  public static final int NULL = 10;

  /** The line is not one JSON value: where and why, for a clear message. */
  public static final class Malformed extends Exception {
    Malformed(String why, int at) {
      super(why + " at byte " + at, null, false, false);
    }
  }

  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
      1e20, 1e21, 1e22};

  private byte[] data;
  private int p;
  private int end;
  private int start;
  /** Per open container: true for an array. */
  private boolean[] array = new boolean[32];
  /** Per open container: nothing read in it yet. */
  private boolean[] empty = new boolean[32];
  private int depth;
  private boolean valueExpected; // a member's name was read: its value comes next
  private boolean rootRead;

  // the current text: the line's own bytes, or the decoded copy
  private byte[] text;
  private int textOffset;
  private int textLength;
  private byte[] decoded = new byte[256];

  // the current number
  private int numberOffset;
  private int numberLength;
  private long longValue;
  private long mantissa;
  private int mantissaDigits;
  private int fractionDigits;
  private boolean exponent;

  /** Starts reading {@code length} bytes at {@code offset}. */
  public void reset(byte[] data, int offset, int length) {
    this.data = data;
    this.start = offset;
    this.p = offset;
    this.end = offset + length;
    this.depth = 0;
    this.valueExpected = false;
    this.rootRead = false;
  }

  /** The nesting depth after the last token: 1 inside the root object. */
  public int depth() {
    return depth;
  }

  /** The next token, {@link #END} once the root value and any trailing whitespace are read. */
  public int next() throws Malformed {
    whitespace();
    if (depth == 0) {
      if (rootRead) {
        if (p != end) {
          throw new Malformed("content after the value", p - start);
        }
        return END;
      }
      rootRead = true;
      return value();
    }
    int d = depth - 1;
    if (!array[d]) {
      if (valueExpected) {
        valueExpected = false;
        return value();
      }
      int c = peek();
      if (c == '}') {
        p++;
        depth--;
        return END_OBJECT;
      }
      if (!empty[d]) {
        expect(',');
        whitespace();
      }
      empty[d] = false;
      expect('"');
      string();
      whitespace();
      expect(':');
      valueExpected = true;
      return NAME;
    }
    if (peek() == ']') {
      p++;
      depth--;
      return END_ARRAY;
    }
    if (!empty[d]) {
      expect(',');
      whitespace();
    }
    empty[d] = false;
    return value();
  }

  /** The bytes of the current name or string, decoded: valid UTF-8 in {@code text()[textOffset(), +textLength())}. */
  public byte[] text() {
    return text;
  }

  public int textOffset() {
    return textOffset;
  }

  public int textLength() {
    return textLength;
  }

  /** Whether the current name or string is {@code expected} (its UTF-8). */
  public boolean textIs(byte[] expected) {
    return textLength == expected.length
        && Arrays.equals(text, textOffset, textOffset + textLength, expected, 0, expected.length);
  }

  /** The current number's JSON text (ASCII) lies in {@code line()[numberOffset(), +numberLength())}. */
  public byte[] line() {
    return data;
  }

  public int numberOffset() {
    return numberOffset;
  }

  public int numberLength() {
    return numberLength;
  }

  public long longValue() {
    return longValue;
  }

  /** The current number (either kind) as the nearest double, as {@link Double#parseDouble} gives it. */
  public double doubleValue() {
    if (!exponent && mantissaDigits <= 15 && fractionDigits < POW10.length) {
      // exact: an integer below 2^53 divided by an exactly representable power of ten rounds once, correctly
      double v = mantissa / POW10[fractionDigits];
      return data[numberOffset] == '-' ? -v : v;
    }
    return Double.parseDouble(new String(data, numberOffset, numberLength, StandardCharsets.ISO_8859_1));
  }

  private int value() throws Malformed {
    if (p >= end) {
      throw new Malformed("the line ends where a value should be", p - start);
    }
    byte c = data[p];
    switch (c) {
      case '{' -> {
        p++;
        push(false);
        return START_OBJECT;
      }
      case '[' -> {
        p++;
        push(true);
        return START_ARRAY;
      }
      case '"' -> {
        p++;
        string();
        return STRING;
      }
      case 't' -> {
        literal("true");
        return TRUE;
      }
      case 'f' -> {
        literal("false");
        return FALSE;
      }
      case 'n' -> {
        literal("null");
        return NULL;
      }
      default -> {
        if (c == '-' || c >= '0' && c <= '9') {
          return number();
        }
        throw new Malformed("not a value", p - start);
      }
    }
  }

  private void push(boolean isArray) {
    if (depth == array.length) {
      array = Arrays.copyOf(array, depth * 2);
      empty = Arrays.copyOf(empty, depth * 2);
    }
    array[depth] = isArray;
    empty[depth] = true;
    depth++;
  }

  private void literal(String word) throws Malformed {
    int n = word.length();
    if (end - p < n) {
      throw new Malformed("not a value", p - start);
    }
    for (int i = 0; i < n; i++) {
      if (data[p + i] != word.charAt(i)) {
        throw new Malformed("not a value", p - start);
      }
    }
    p += n;
  }

  private void whitespace() {
    while (p < end) {
      byte c = data[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      p++;
    }
  }

  private int peek() throws Malformed {
    if (p >= end) {
      throw new Malformed("the line ends inside " + (array[depth - 1] ? "an array" : "an object"), p - start);
    }
    return data[p];
  }

  private void expect(char c) throws Malformed {
    if (p >= end || data[p] != c) {
      throw new Malformed("'" + c + "' expected", p - start);
    }
    p++;
  }

  /** A string whose opening quote was read: plain ones stay where they are, escaped ones are decoded. */
  private void string() throws Malformed {
    int from = p;
    byte[] d = data;
    while (p < end) {
      byte b = d[p];
      if (b == '"') {
        text = d;
        textOffset = from;
        textLength = p - from;
        p++;
        return;
      }
      if (b == '\\') {
        escaped(from);
        return;
      }
      if (b < 0x20) {
        if (b >= 0) {
          throw new Malformed("a control character in a string", p - start);
        }
        p = multiByte(p);
      } else {
        p++;
      }
    }
    throw new Malformed("the line ends inside a string", p - start);
  }

  /** The rest of a string from its first backslash, decoded into {@link #decoded}. */
  private void escaped(int from) throws Malformed {
    int n = 0;
    n = copy(from, p, n);
    while (p < end) {
      byte b = data[p];
      if (b == '"') {
        p++;
        text = decoded;
        textOffset = 0;
        textLength = n;
        return;
      }
      if (b == '\\') {
        if (p + 1 >= end) {
          break;
        }
        byte e = data[p + 1];
        p += 2;
        int c;
        switch (e) {
          case '"' -> c = '"';
          case '\\' -> c = '\\';
          case '/' -> c = '/';
          case 'b' -> c = '\b';
          case 'f' -> c = '\f';
          case 'n' -> c = '\n';
          case 'r' -> c = '\r';
          case 't' -> c = '\t';
          case 'u' -> c = unicodeEscape();
          default -> throw new Malformed("an unknown escape in a string", p - 2 - start);
        }
        n = codePoint(c, n);
      } else if (b < 0x20) {
        if (b >= 0) {
          throw new Malformed("a control character in a string", p - start);
        }
        int next = multiByte(p);
        n = copy(p, next, n);
        p = next;
      } else {
        if (n == decoded.length) {
          decoded = Arrays.copyOf(decoded, n * 2);
        }
        decoded[n++] = b;
        p++;
      }
    }
    throw new Malformed("the line ends inside a string", p - start);
  }

  /** The code point of a {@code \\u} escape (after the {@code u}), pairing surrogates; a lone one is {@code '?'}. */
  private int unicodeEscape() throws Malformed {
    int c = hex4();
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (p + 6 <= end && data[p] == '\\' && data[p + 1] == 'u') {
        int save = p;
        p += 2;
        int low = hex4();
        if (low >= 0xDC00 && low <= 0xDFFF) {
          return Character.toCodePoint((char) c, (char) low);
        }
        p = save; // not its pair: the next escape is read on its own
      }
      return '?';
    }
    return c >= 0xDC00 && c <= 0xDFFF ? '?' : c;
  }

  private int hex4() throws Malformed {
    if (end - p < 4) {
      throw new Malformed("a short \\u escape", p - start);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int h = Character.digit(data[p + i], 16);
      if (h < 0) {
        throw new Malformed("a bad \\u escape", p - start);
      }
      v = v << 4 | h;
    }
    p += 4;
    return v;
  }

  private int codePoint(int c, int n) {
    if (n + 4 > decoded.length) {
      decoded = Arrays.copyOf(decoded, decoded.length * 2 + 4);
    }
    byte[] d = decoded;
    if (c < 0x80) {
      d[n++] = (byte) c;
    } else if (c < 0x800) {
      d[n++] = (byte) (0xC0 | c >> 6);
      d[n++] = (byte) (0x80 | c & 0x3F);
    } else if (c < 0x10000) {
      d[n++] = (byte) (0xE0 | c >> 12);
      d[n++] = (byte) (0x80 | c >> 6 & 0x3F);
      d[n++] = (byte) (0x80 | c & 0x3F);
    } else {
      d[n++] = (byte) (0xF0 | c >> 18);
      d[n++] = (byte) (0x80 | c >> 12 & 0x3F);
      d[n++] = (byte) (0x80 | c >> 6 & 0x3F);
      d[n++] = (byte) (0x80 | c & 0x3F);
    }
    return n;
  }

  private int copy(int from, int to, int n) {
    int length = to - from;
    if (n + length > decoded.length) {
      decoded = Arrays.copyOf(decoded, Math.max(decoded.length * 2, n + length));
    }
    System.arraycopy(data, from, decoded, n, length);
    return n + length;
  }

  /** Validates the UTF-8 sequence at {@code at} (its lead byte is not ASCII) and returns where the next begins. */
  private int multiByte(int at) throws Malformed {
    int b = data[at] & 0xFF;
    int length;
    int min;
    if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      min = 0x10000;
    } else {
      throw new Malformed("invalid UTF-8", at - start);
    }
    if (end - at < length) {
      throw new Malformed("invalid UTF-8", at - start);
    }
    int cp = b & (0x7F >> length);
    for (int i = 1; i < length; i++) {
      int c = data[at + i] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        throw new Malformed("invalid UTF-8", at - start);
      }
      cp = cp << 6 | c & 0x3F;
    }
    if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
      throw new Malformed("invalid UTF-8", at - start);
    }
    return at + length;
  }

  /** A number per the JSON grammar: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private int number() throws Malformed {
    numberOffset = p;
    byte[] d = data;
    if (d[p] == '-') {
      p++;
    }
    long m = 0;
    int digits = 0;
    boolean overflow = false;
    if (p < end && d[p] == '0') {
      p++;
      digits = 1;
    } else {
      while (p < end && d[p] >= '0' && d[p] <= '9') {
        int digit = d[p] - '0';
        if (m > (Long.MAX_VALUE - digit) / 10) {
          overflow = true;
        } else {
          m = m * 10 + digit;
        }
        digits++;
        p++;
      }
      if (digits == 0) {
        throw new Malformed("not a number", numberOffset - start);
      }
    }
    int fraction = 0;
    boolean isInteger = true;
    if (p < end && d[p] == '.') {
      isInteger = false;
      p++;
      while (p < end && d[p] >= '0' && d[p] <= '9') {
        int digit = d[p] - '0';
        if (m > (Long.MAX_VALUE - digit) / 10) {
          overflow = true;
        } else {
          m = m * 10 + digit;
        }
        fraction++;
        p++;
      }
      if (fraction == 0) {
        throw new Malformed("a fraction without digits", p - start);
      }
    }
    exponent = false;
    if (p < end && (d[p] == 'e' || d[p] == 'E')) {
      isInteger = false;
      exponent = true;
      p++;
      if (p < end && (d[p] == '+' || d[p] == '-')) {
        p++;
      }
      int expDigits = 0;
      while (p < end && d[p] >= '0' && d[p] <= '9') {
        expDigits++;
        p++;
      }
      if (expDigits == 0) {
        throw new Malformed("an exponent without digits", p - start);
      }
    }
    numberLength = p - numberOffset;
    mantissa = m;
    mantissaDigits = overflow ? Integer.MAX_VALUE : digits + fraction;
    fractionDigits = fraction;
    if (isInteger && !overflow) {
      longValue = d[numberOffset] == '-' ? -m : m;
      return INTEGER;
    }
    if (isInteger && d[numberOffset] == '-' && digits == 19 && isLongMin()) {
      longValue = Long.MIN_VALUE;
      return INTEGER;
    }
    return NUMBER;
  }

  private boolean isLongMin() {
    byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    return numberLength == min.length && Arrays.equals(data, numberOffset, numberOffset + numberLength, min, 0,
        min.length);
  }
}

package io.mcpaudit.exporter.privacy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mcpaudit.exporter.model.json.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an event may say about an argument object or a result, on the exporter thread: its size as JSON, a copy
 * with every detected secret or personal value replaced and cut to a byte budget, and a keyed digest of a
 * canonical form. Reads the trees the SDK hands over: maps, lists and scalars from its JSON parser, and its own
 * records ({@code CallToolResult}, {@code TextContent}, …) by their components. Any shape is bounded: depth,
 * members per container and characters per string are capped, so hostile input costs little and never fails.
 * One instance per thread.
 */
public final class Payloads {
  /** The name a value under a secret-sounding key is replaced with ({@code [REDACTED:sensitive_key]}). */
  public static final String KEY_DETECTOR = "sensitive_key";
  /** Deeper than this, a copy holds a truncation marker instead of the value. */
  static final int MAX_COPY_DEPTH = 32;
  /** Deeper than this, the digest covers a marker and the size stops counting. */
  static final int MAX_WALK_DEPTH = 128;
  static final int MAX_MEMBERS = 1_000;
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> type) {
      return RecordShape.of(type);
    }
  };

  private final Redactor redactor;
  private final KeyNames keyNames;
  private final Mac mac;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream(1024);

  /** @param digestKey the HMAC-SHA256 key of {@link #digest}; null when digests are not used */
  public Payloads(Redactor redactor, KeyNames keyNames, byte[] digestKey) {
    this.redactor = redactor;
    this.keyNames = keyNames;
    Mac m = null;
    if (digestKey != null) {
      try {
        m = Mac.getInstance("HmacSHA256");
        m.init(new SecretKeySpec(digestKey, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available", e);
      }
    }
    this.mac = m;
  }

  /** Per detector of the redactor (by index), then one for {@link #KEY_DETECTOR}: what a copy replaced. */
  public int[] newCounts() {
    return new int[redactor.size() + 1];
  }

  /** Detector names matching {@link #newCounts()}. */
  public String[] countNames() {
    String[] names = Arrays.copyOf(redactor.names(), redactor.size() + 1);
    names[redactor.size()] = KEY_DETECTOR;
    return names;
  }

  // ---------------------------------------------------------------- size

  /** The size in bytes of {@code tree} written as compact JSON (UTF-8); a tree deeper than the walk limit counts its top. */
  public long size(Object tree) {
    return size(tree, 0);
  }

  private long size(Object value, int depth) {
    if (depth > MAX_WALK_DEPTH) {
      return 0;
    }
    value = unwrap(value);
    if (value == null) {
      return 4;
    }
    if (value instanceof CharSequence s) {
      return stringSize(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value).length();
    }
    if (value instanceof Map<?, ?> map) {
      long n = 2;
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += (first ? 0 : 1) + stringSize(String.valueOf(e.getKey())) + 1 + size(e.getValue(), depth + 1);
        first = false;
      }
      return n;
    }
    RecordShape shape = value instanceof Record ? SHAPES.get(value.getClass()) : null;
    if (shape != null) {
      long n = 2;
      boolean first = true;
      for (int i = 0; i < shape.names.length; i++) {
        Object member = shape.read(value, i);
        if (member != null) {
          n += (first ? 0 : 1) + shape.names[i].length() + 3 + size(member, depth + 1);
          first = false;
        }
      }
      return n;
    }
    List<?> list = asList(value);
    if (list != null) {
      long n = 2 + Math.max(0, list.size() - 1);
      for (Object item : list) {
        n += size(item, depth + 1);
      }
      return n;
    }
    return stringSize(String.valueOf(value));
  }

  private static long stringSize(CharSequence s) {
    long n = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        n += c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
      } else if (c == '"' || c == '\\') {
        n += 2;
      } else if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- redacted copy

  /** The outcome of {@link #redacted}: the JSON text, whether anything was cut, and how many values were replaced. */
  public static final class Copy {
    public String json;
    public boolean truncated;
    public int replaced;
  }

  /**
   * {@code tree} as JSON with every value a detector finds replaced by {@code [REDACTED:<detector>]}, every value
   * under a secret-sounding key replaced by {@code [REDACTED:sensitive_key]}, and cut to about {@code maxBytes}
   * (a cut string ends in {@value Text#TRUNCATED}; members past the budget are left out; {@code truncated} says
   * so). Adds what it replaced to {@code counts}.
   */
  public Copy redacted(Object tree, int maxBytes, int[] counts) {
    Copy out = new Copy();
    copy.reset();
    try (JsonGenerator g = FACTORY.createGenerator(copy, JsonEncoding.UTF8)) {
      Budget budget = new Budget(Math.max(64, maxBytes));
      writeRedacted(g, tree, 0, budget, counts, out);
      g.flush();
    } catch (IOException | RuntimeException e) {
      // a shape the walk could not read: nothing of it is kept
      out.json = "\"" + Text.TRUNCATED + "\"";
      out.truncated = true;
      return out;
    }
    out.json = copy.toString(StandardCharsets.UTF_8);
    if (copy.size() > 1 << 20) {
      copy.reset();
    }
    return out;
  }

  private static final class Budget {
    long left;

    Budget(long bytes) {
      this.left = bytes;
    }
  }

  private void writeRedacted(JsonGenerator g, Object value, int depth, Budget budget, int[] counts, Copy out)
      throws IOException {
    value = unwrap(value);
    if (depth > MAX_COPY_DEPTH) {
      out.truncated = true;
      g.writeString(Text.TRUNCATED);
      return;
    }
    if (value == null) {
      g.writeNull();
      budget.left -= 4;
      return;
    }
    if (value instanceof Boolean b) {
      g.writeBoolean(b);
      budget.left -= 5;
      return;
    }
    if (value instanceof Number number) {
      String text = String.valueOf(number);
      String redacted = redactor.redact(text, counts);
      if (redacted != text) {
        out.replaced++;
        g.writeString(redacted); // a card number stored as a number
      } else {
        writeNumber(g, number);
      }
      budget.left -= text.length();
      return;
    }
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      budget.left -= 2;
      int members = 0;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!member(g, String.valueOf(e.getKey()), e.getValue(), ++members, depth, budget, counts, out)) {
          break;
        }
      }
      g.writeEndObject();
      return;
    }
    RecordShape shape = value instanceof Record ? SHAPES.get(value.getClass()) : null;
    if (shape != null) {
      g.writeStartObject();
      budget.left -= 2;
      int members = 0;
      if (shape.type != null) {
        Object type = shape.type(value);
        if (type != null && !member(g, "type", type, ++members, depth, budget, counts, out)) {
          g.writeEndObject();
          return;
        }
      }
      for (int i = 0; i < shape.names.length; i++) {
        Object member = shape.read(value, i);
        if (member != null && !member(g, shape.names[i], member, ++members, depth, budget, counts, out)) {
          break;
        }
      }
      g.writeEndObject();
      return;
    }
    List<?> list = asList(value);
    if (list != null) {
      g.writeStartArray();
      budget.left -= 2;
      int items = 0;
      for (Object item : list) {
        if (++items > MAX_MEMBERS || budget.left <= 0) {
          out.truncated = true;
          break;
        }
        writeRedacted(g, item, depth + 1, budget, counts, out);
        budget.left -= 1;
      }
      g.writeEndArray();
      return;
    }
    writeString(g, String.valueOf(value), budget, counts, out);
  }

  /** One member of an object; false when the budget is spent (the rest is left out). */
  private boolean member(JsonGenerator g, String key, Object value, int index, int depth, Budget budget, int[] counts,
      Copy out) throws IOException {
    if (index > MAX_MEMBERS || budget.left <= 0) {
      out.truncated = true;
      return false;
    }
    String name = Text.clean(redactor.redact(key.length() > 4 * Text.NAME ? key.substring(0, 4 * Text.NAME) : key,
        counts), Text.NAME);
    g.writeFieldName(name);
    budget.left -= name.length() + 3;
    if (keyNames.sensitive(key) && unwrap(value) != null && !(unwrap(value) instanceof Boolean)) {
      counts[counts.length - 1]++;
      out.replaced++;
      g.writeString(Redactor.PLACEHOLDER_PREFIX + KEY_DETECTOR + "]");
      budget.left -= 25;
      return true;
    }
    writeRedacted(g, value, depth + 1, budget, counts, out);
    return true;
  }

  private void writeString(JsonGenerator g, String text, Budget budget, int[] counts, Copy out) throws IOException {
    String redacted = redactor.redact(text, counts); // scans (and keeps) at most Redactor.MAX_SCAN_CHARS
    if (redacted != text && !redacted.equals(text.length() > Redactor.MAX_SCAN_CHARS
        ? text.substring(0, Redactor.MAX_SCAN_CHARS) : text)) {
      out.replaced++;
    }
    boolean cut = text.length() > Redactor.MAX_SCAN_CHARS;
    long room = Math.max(16, budget.left - 2);
    if (redacted.length() > room) {
      redacted = redacted.substring(0, (int) room);
      cut = true;
    }
    if (cut) {
      out.truncated = true;
      redacted = Text.clean(redacted, redacted.length() - 1) ; // a visible marker, no split surrogate pair
    } else {
      redacted = Text.clean(redacted, Integer.MAX_VALUE);
    }
    g.writeString(redacted);
    budget.left -= stringSize(redacted);
  }

  private static void writeNumber(JsonGenerator g, Number n) throws IOException {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      g.writeNumber(n.longValue());
    } else if (n instanceof BigInteger big) {
      g.writeNumber(big);
    } else if (n instanceof BigDecimal big) {
      g.writeNumber(big);
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        g.writeNumber(d);
      } else {
        g.writeString(String.valueOf(d));
      }
    } else {
      g.writeString(String.valueOf(n));
    }
  }

  // ---------------------------------------------------------------- digest

  /**
   * {@code hmac-sha256:<64 hex>} over the canonical form of {@code tree}: compact JSON, object members sorted by
   * name, numbers in their shortest exact decimal form ({@code 1.0} and {@code 1} are one number), strings as
   * given. Equal arguments give equal digests in any process that has the same key; without the key nothing can
   * be learnt from one, not even a short or guessable value.
   */
  public String digest(Object tree) {
    if (mac == null) {
      throw new IllegalStateException("no digest key");
    }
    mac.reset();
    try (JsonGenerator g = FACTORY.createGenerator(new MacStream(mac), JsonEncoding.UTF8)) {
      canonical(g, tree, 0);
      g.flush();
    } catch (IOException | RuntimeException e) {
      mac.reset();
      mac.update("unreadable".getBytes(StandardCharsets.US_ASCII));
    }
    return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal());
  }

  private void canonical(JsonGenerator g, Object value, int depth) throws IOException {
    value = unwrap(value);
    if (depth > MAX_WALK_DEPTH) {
      g.writeString(Text.TRUNCATED);
      return;
    }
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Number n) {
      g.writeRawValue(canonicalNumber(n));
    } else if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sorted.put(Text.clean(String.valueOf(e.getKey()), Integer.MAX_VALUE), e.getValue());
      }
      writeSorted(g, sorted, depth);
    } else if (value instanceof Record && SHAPES.get(value.getClass()) != null) {
      RecordShape shape = SHAPES.get(value.getClass());
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (int i = 0; i < shape.names.length; i++) {
        Object member = shape.read(value, i);
        if (member != null) {
          sorted.put(shape.names[i], member);
        }
      }
      writeSorted(g, sorted, depth);
    } else {
      List<?> list = asList(value);
      if (list != null) {
        g.writeStartArray();
        for (Object item : list) {
          canonical(g, item, depth + 1);
        }
        g.writeEndArray();
      } else {
        g.writeString(Text.clean(String.valueOf(value), Integer.MAX_VALUE));
      }
    }
  }

  private void writeSorted(JsonGenerator g, TreeMap<String, Object> sorted, int depth) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      g.writeFieldName(e.getKey());
      canonical(g, e.getValue(), depth + 1);
    }
    g.writeEndObject();
  }

  static String canonicalNumber(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger) {
      return n.toString();
    }
    if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
      return "\"" + n + "\"";
    }
    try {
      BigDecimal d = n instanceof BigDecimal big ? big : new BigDecimal(n.toString());
      d = d.stripTrailingZeros();
      return d.scale() <= 0 && d.precision() - d.scale() <= 40 ? d.toBigInteger().toString() : d.toString();
    } catch (NumberFormatException e) {
      return "\"" + n + "\"";
    }
  }

  private static final class MacStream extends OutputStream {
    private final Mac mac;

    MacStream(Mac mac) {
      this.mac = mac;
    }

    @Override
    public void write(int b) {
      mac.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      mac.update(b, off, len);
    }
  }

  // ---------------------------------------------------------------- shapes

  private static Object unwrap(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.orElse(null);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Character c) {
      return String.valueOf(c);
    }
    return value;
  }

  private static List<?> asList(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    if (value != null && value.getClass().isArray()) {
      int n = Math.min(Array.getLength(value), 100_000);
      List<Object> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(Array.get(value, i));
      }
      return items;
    }
    return null;
  }

  /**
   * A record's components and their accessors, looked up once per class; a record the agent may not read (its
   * class is not public) has none, and is written by its string form, through the detectors like any string.
   */
  private static final class RecordShape {
    final String[] names;
    final Method[] accessors;
    /** A {@code type()} method that is not a component (the SDK's content kinds), or null. */
    final Method type;

    private RecordShape(String[] names, Method[] accessors, Method type) {
      this.names = names;
      this.accessors = accessors;
      this.type = type;
    }

    static RecordShape of(Class<?> type) {
      try {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
          return null;
        }
        String[] names = new String[components.length];
        Method[] accessors = new Method[components.length];
        boolean hasType = false;
        for (int i = 0; i < components.length; i++) {
          names[i] = components[i].getName();
          accessors[i] = components[i].getAccessor();
          accessors[i].setAccessible(true);
          hasType |= names[i].equals("type");
        }
        Method typeMethod = null;
        if (!hasType) {
          try {
            Method m = type.getMethod("type");
            if (m.getReturnType() == String.class) {
              m.setAccessible(true);
              typeMethod = m;
            }
          } catch (NoSuchMethodException e) {
            // no kind to add
          }
        }
        return new RecordShape(names, accessors, typeMethod);
      } catch (RuntimeException e) {
        return null; // InaccessibleObjectException, SecurityException
      }
    }

    Object read(Object record, int i) {
      try {
        return accessors[i].invoke(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    Object type(Object record) {
      try {
        return type.invoke(record);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
  }
}

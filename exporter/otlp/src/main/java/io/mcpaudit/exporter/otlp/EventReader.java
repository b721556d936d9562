package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.model.json.LineScanner;
import io.mcpaudit.exporter.spi.Batch;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads one native line with the model's {@link LineScanner}, in a single pass: every token goes to a {@link
 * BodyWriter} (the body is the whole event), and the values the mapping needs are taken out on the way into
 * {@link EventFields}. Knows the native schema only by the few paths it maps; everything else (and anything added
 * later, such as {@code integrity}) is carried generically by the body. Text stays UTF-8 from the journal to the
 * request: a plain string is copied from the line's own bytes, never decoded to characters and encoded again.
 */
final class EventReader {
  private static final byte[] EVENT_TYPE = bytes("event_type");
  private static final byte[] EVENT_ID = bytes("event_id");
  private static final byte[] CORRELATION_ID = bytes("correlation_id");
  private static final byte[] TIMESTAMP = bytes("timestamp");

  // the top-level objects the mapping reads from, and their fields
  private static final int OTHER = 0;
  private static final int TRACE = 1;
  private static final int IDENTITY = 2;
  private static final int ACTIVITY = 3;
  private static final int TARGET = 4;
  private static final int OUTCOME = 5;
  private static final byte[][] SECTIONS = {
      null, bytes("trace"), bytes("identity"), bytes("activity"), bytes("target"), bytes("outcome")};
  private static final byte[][][] SECTION_NAMES = {
      {},
      {bytes("trace_id"), bytes("span_id")},
      {bytes("source_ip"), bytes("principal"), bytes("session_id"), bytes("source_port")},
      {bytes("mcp_operation"), bytes("jsonrpc_id"), bytes("tool_name"), bytes("prompt_name"), bytes("resource_uri")},
      {bytes("protocol_version"), bytes("server_id"), bytes("server_name"), bytes("server_version"),
          bytes("environment"), bytes("host"), bytes("service_instance_id")},
      {bytes("status"), bytes("error_type"), bytes("error_code")}};
  // slots that are not a string field of EventFields
  private static final int NONE = -1;
  private static final int TRACE_ID = -2;
  private static final int SPAN_ID = -3;
  private static final int PORT = -4;
  private static final int TIME = -5;
  /** What each section name's value fills: a string field of EventFields, or one of the slots above. */
  private static final int[][] SECTION_SLOTS = {
      {},
      {TRACE_ID, SPAN_ID},
      {EventFields.SOURCE_IP, EventFields.PRINCIPAL, EventFields.SESSION_ID, PORT},
      {EventFields.METHOD, EventFields.REQUEST_ID, EventFields.TOOL, EventFields.PROMPT, EventFields.RESOURCE_URI},
      {EventFields.PROTOCOL_VERSION, EventFields.SERVER_ID, EventFields.SERVER_NAME, EventFields.SERVER_VERSION,
          EventFields.ENVIRONMENT, EventFields.HOST, EventFields.INSTANCE_ID},
      {EventFields.STATUS, EventFields.ERROR_TYPE, EventFields.ERROR_CODE}};

  private final LineScanner scanner = new LineScanner();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads line {@code line} of the batch as one event. False when it is not one JSON object: the caller then
   * throws away what the body writer got.
   */
  boolean read(Batch batch, int line, BodyWriter body, EventFields fields) {
    scanner.reset(batch.data(), batch.offset(line), batch.length(line));
    try {
      return parse(body, fields);
    } catch (LineScanner.Malformed e) {
      return false;
    }
  }

  private boolean parse(BodyWriter body, EventFields fields) throws LineScanner.Malformed {
    LineScanner s = scanner;
    fields.clear();
    if (s.next() != LineScanner.START_OBJECT) {
      return false;
    }
    body.startObject();
    int section = OTHER; // the top-level object the names at depth 2 belong to
    int slot = NONE; // what the value of the name just read fills
    while (true) {
      int t = s.next();
      switch (t) {
        case LineScanner.NAME -> {
          body.field(s.text(), s.textOffset(), s.textLength());
          if (s.depth() == 1) {
            section = sectionOf(s);
            slot = topLevelSlot(s);
          } else {
            slot = s.depth() == 2 && section != OTHER ? sectionSlot(s, section) : NONE;
          }
        }
        case LineScanner.START_OBJECT -> {
          slot = NONE;
          body.startObject();
        }
        case LineScanner.START_ARRAY -> {
          slot = NONE;
          body.startArray();
        }
        case LineScanner.END_OBJECT -> {
          body.endObject();
          if (s.depth() == 0) {
            return s.next() == LineScanner.END;
          }
        }
        case LineScanner.END_ARRAY -> body.endArray();
        case LineScanner.STRING -> {
          byte[] text = s.text();
          int o = s.textOffset();
          int l = s.textLength();
          if (slot != NONE) {
            captureString(slot, text, o, l, fields);
            slot = NONE;
          }
          body.string(text, o, l);
        }
        case LineScanner.INTEGER -> {
          long v = s.longValue();
          if (slot != NONE && s.depth() == 2) {
            if (slot == PORT) {
              fields.sourcePort = v;
            } else if (slot == EventFields.ERROR_CODE || slot == EventFields.REQUEST_ID) {
              fields.set(slot, s.line(), s.numberOffset(), s.numberLength());
            }
          }
          slot = NONE;
          body.integer(v, s.line(), s.numberOffset(), s.numberLength());
        }
        case LineScanner.NUMBER -> {
          slot = NONE;
          body.number(body.numbersAsText() ? 0 : s.doubleValue(), s.line(), s.numberOffset(), s.numberLength());
        }
        case LineScanner.TRUE, LineScanner.FALSE -> {
          slot = NONE;
          body.bool(t == LineScanner.TRUE);
        }
        case LineScanner.NULL -> {
          slot = NONE;
          body.nullValue();
        }
        default -> {
          return false; // the scanner throws before the end of an open object
        }
      }
    }
  }

  /** Which section a top-level name opens (its value is read from only if it is an object). */
  private static int sectionOf(LineScanner s) {
    for (int i = 1; i < SECTIONS.length; i++) {
      if (s.textIs(SECTIONS[i])) {
        return i;
      }
    }
    return OTHER;
  }

  private static int topLevelSlot(LineScanner s) {
    if (s.textIs(EVENT_TYPE)) {
      return EventFields.EVENT_TYPE;
    } else if (s.textIs(EVENT_ID)) {
      return EventFields.EVENT_ID;
    } else if (s.textIs(CORRELATION_ID)) {
      return EventFields.CORRELATION_ID;
    } else if (s.textIs(TIMESTAMP)) {
      return TIME;
    }
    return NONE;
  }

  private static int sectionSlot(LineScanner s, int section) {
    byte[][] names = SECTION_NAMES[section];
    for (int i = 0; i < names.length; i++) {
      if (s.textIs(names[i])) {
        return SECTION_SLOTS[section][i];
      }
    }
    return NONE;
  }

  private static void captureString(int slot, byte[] c, int o, int l, EventFields f) {
    switch (slot) {
      case TRACE_ID -> f.hasTraceId = hex(c, o, l, f.traceId);
      case SPAN_ID -> f.hasSpanId = hex(c, o, l, f.spanId);
      case TIME -> f.timeNanos = epochNanos(c, o, l);
      case PORT -> {} // a port is a number
      default -> f.set(slot, c, o, l);
    }
  }

  /** Lowercase or uppercase hex of exactly {@code out.length} bytes, not all zero (an invalid id in OTLP). */
  static boolean hex(byte[] c, int o, int l, byte[] out) {
    if (l != out.length * 2) {
      return false;
    }
    int any = 0;
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(c[o + 2 * i], 16);
      int lo = Character.digit(c[o + 2 * i + 1], 16);
      if (hi < 0 || lo < 0) {
        return false;
      }
      out[i] = (byte) (hi << 4 | lo);
      any |= out[i];
    }
    return any != 0;
  }

  /**
   * The native timestamp ({@code 2026-11-22T10:15:30.123456Z}) as nanoseconds since the epoch, read from the
   * bytes; other ISO-8601 instants through {@link Instant#parse}; 0 when unreadable.
   */
  static long epochNanos(byte[] c, int o, int l) {
    if (l >= 20 && c[o + 4] == '-' && c[o + 7] == '-' && c[o + 10] == 'T' && c[o + 13] == ':' && c[o + 16] == ':'
        && c[o + l - 1] == 'Z') {
      int year = digits(c, o, 4);
      int month = digits(c, o + 5, 2);
      int day = digits(c, o + 8, 2);
      int hour = digits(c, o + 11, 2);
      int minute = digits(c, o + 14, 2);
      int second = digits(c, o + 17, 2);
      long nanos = 0;
      boolean ok = year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= monthLength(year, month)
          && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
      int p = o + 19;
      int end = o + l - 1;
      if (ok && p < end) {
        if (c[p] != '.' || end - p - 1 > 9 || end - p - 1 < 1) {
          ok = false;
        } else {
          int scale = 100_000_000;
          for (int i = p + 1; i < end; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
              ok = false;
              break;
            }
            nanos += (long) d * scale;
            scale /= 10;
          }
        }
      }
      if (ok) {
        long days = daysFromCivil(year, month, day);
        return ((days * 86_400 + hour * 3_600L + minute * 60L + second) * 1_000_000_000L) + nanos;
      }
    }
    try {
      Instant instant = Instant.parse(new String(c, o, l, StandardCharsets.UTF_8));
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (DateTimeException | ArithmeticException e) {
      return 0;
    }
  }

  private static int digits(byte[] c, int o, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      int d = c[o + i] - '0';
      if (d < 0 || d > 9) {
        return -1_000_000;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int monthLength(int year, int month) {
    return switch (month) {
      case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }
}

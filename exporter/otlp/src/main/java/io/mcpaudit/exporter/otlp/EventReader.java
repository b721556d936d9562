package io.mcpaudit.exporter.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.mcpaudit.exporter.spi.Batch;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads one native line with jackson-core's streaming parser, in a single pass: every token goes to a
 * {@link BodyWriter} (the body is the whole event), and the values the mapping needs are taken out on the
 * way into {@link EventFields}. Knows the native schema only by the few paths it maps; everything else
 * (and anything added later, such as {@code integrity}) is carried generically by the body.
 */
final class EventReader {
  /** With jackson's fast double parser: the JDK's went through a String and was a tenth of the time for one double an event. */
  private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  // One parser reads a whole run of adjacent lines (the batch keeps them end to end, and "}{" needs no separator):
  // creating a parser per line cost about a tenth of the encoding time and most of its garbage.
  private final NameCache names = new NameCache();
  private JsonParser shared;
  private byte[] sharedData;
  private int sharedStart;
  /** Where the line after the last one read begins: the shared parser continues only from there. */
  private int sharedNext = -1;

  /**
   * Reads line {@code line} of the batch as one event. False when it is not one JSON object: the caller then
   * throws away what the body writer got. Lines must be read in order, each once, for the shared parser to
   * continue; any other order just opens another one.
   */
  boolean read(Batch batch, int line, BodyWriter body, EventFields fields) {
    byte[] data = batch.data();
    int offset = batch.offset(line);
    int length = batch.length(line);
    if (shared == null || sharedData != data || sharedNext != offset) {
      openShared(batch, line);
    }
    sharedNext = offset + length;
    if (shared != null) {
      try {
        if (parse(shared, offset + length - sharedStart, false, body, fields)) {
          return true;
        }
      } catch (IOException | RuntimeException e) {
        // the line is not one object: read it alone to be sure, and start afresh at the next line
      }
      closeShared();
      body.clear();
    }
    try (JsonParser alone = FACTORY.createParser(data, offset, length)) {
      return parse(alone, length, true, body, fields);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The shared parser over this line and every line that follows it end to end. */
  private void openShared(Batch batch, int line) {
    closeShared();
    int start = batch.offset(line);
    int end = start + batch.length(line);
    for (int i = line + 1; i < batch.size() && batch.offset(i) == end; i++) {
      end += batch.length(i);
    }
    try {
      shared = FACTORY.createParser(batch.data(), start, end - start);
      sharedData = batch.data();
      sharedStart = start;
    } catch (IOException e) {
      shared = null;
    }
  }

  private void closeShared() {
    if (shared != null) {
      try {
        shared.close();
      } catch (IOException ignored) {
        // a parser over an array
      }
      shared = null;
      sharedData = null;
    }
  }

  /**
   * One root object that must end with the line, at {@code lineEnd} (relative to where the parser began); {@code
   * alone}: the parser reads this line only, which may end in whitespace.
   */
  private boolean parse(JsonParser p, long lineEnd, boolean alone, BodyWriter body, EventFields fields)
      throws IOException {
    fields.clear();
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    body.startObject();
    int depth = 1;
    String section = null; // the top-level field whose object we are in (depth 2)
    boolean sectionIsObject = false;
    String name = null;
    JsonToken t;
    while (depth > 0) {
      t = p.nextToken();
      if (t == null) {
        return false; // truncated
      }
      switch (t) {
        case FIELD_NAME -> {
          name = p.currentName();
          body.field(names.utf8(name));
        }
        case START_OBJECT -> {
          if (depth == 1) {
            section = name;
            sectionIsObject = true;
          }
          depth++;
          body.startObject();
        }
        case START_ARRAY -> {
          if (depth == 1) {
            section = name;
            sectionIsObject = false;
          }
          depth++;
          body.startArray();
        }
        case END_OBJECT -> {
          depth--;
          body.endObject();
        }
        case END_ARRAY -> {
          depth--;
          body.endArray();
        }
        case VALUE_STRING -> {
          char[] c = p.getTextCharacters();
          int o = p.getTextOffset();
          int l = p.getTextLength();
          if (depth == 1 || depth == 2 && sectionIsObject) {
            capture(depth == 1 ? null : section, name, c, o, l, fields);
          }
          body.string(c, o, l);
        }
        case VALUE_NUMBER_INT -> {
          char[] c = p.getTextCharacters();
          int o = p.getTextOffset();
          int l = p.getTextLength();
          if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            body.number(body.numbersAsText() ? 0 : p.getDoubleValue(), c, o, l);
          } else {
            long v = p.getLongValue();
            if (depth == 2 && sectionIsObject) {
              captureNumber(section, name, v, c, o, l, fields);
            }
            body.integer(v, c, o, l);
          }
        }
        case VALUE_NUMBER_FLOAT -> body.number(body.numbersAsText() ? 0 : p.getDoubleValue(), p.getTextCharacters(),
            p.getTextOffset(), p.getTextLength());
        case VALUE_TRUE -> body.bool(true);
        case VALUE_FALSE -> body.bool(false);
        case VALUE_NULL -> body.nullValue();
        default -> {
          return false;
        }
      }
      if (depth == 1) {
        section = null;
      }
    }
    // the closing brace must be the line's last byte: not one that ran on into the next line
    if (p.currentLocation().getByteOffset() == lineEnd) {
      return true;
    }
    return alone && p.nextToken() == null;
  }

  private static void capture(String section, String name, char[] c, int o, int l, EventFields f) {
    if (section == null) {
      switch (name) {
        case "event_type" -> f.set(EventFields.EVENT_TYPE, c, o, l);
        case "event_id" -> f.set(EventFields.EVENT_ID, c, o, l);
        case "correlation_id" -> f.set(EventFields.CORRELATION_ID, c, o, l);
        case "timestamp" -> f.timeNanos = epochNanos(c, o, l);
        default -> {}
      }
      return;
    }
    switch (section) {
      case "trace" -> {
        if (name.equals("trace_id")) {
          f.hasTraceId = hex(c, o, l, f.traceId);
        } else if (name.equals("span_id")) {
          f.hasSpanId = hex(c, o, l, f.spanId);
        }
      }
      case "identity" -> {
        switch (name) {
          case "source_ip" -> f.set(EventFields.SOURCE_IP, c, o, l);
          case "principal" -> f.set(EventFields.PRINCIPAL, c, o, l);
          case "session_id" -> f.set(EventFields.SESSION_ID, c, o, l);
          default -> {}
        }
      }
      case "activity" -> {
        switch (name) {
          case "mcp_operation" -> f.set(EventFields.METHOD, c, o, l);
          case "jsonrpc_id" -> f.set(EventFields.REQUEST_ID, c, o, l);
          case "tool_name" -> f.set(EventFields.TOOL, c, o, l);
          case "prompt_name" -> f.set(EventFields.PROMPT, c, o, l);
          case "resource_uri" -> f.set(EventFields.RESOURCE_URI, c, o, l);
          default -> {}
        }
      }
      case "target" -> {
        switch (name) {
          case "protocol_version" -> f.set(EventFields.PROTOCOL_VERSION, c, o, l);
          case "server_id" -> f.set(EventFields.SERVER_ID, c, o, l);
          case "server_name" -> f.set(EventFields.SERVER_NAME, c, o, l);
          case "server_version" -> f.set(EventFields.SERVER_VERSION, c, o, l);
          case "environment" -> f.set(EventFields.ENVIRONMENT, c, o, l);
          case "host" -> f.set(EventFields.HOST, c, o, l);
          case "service_instance_id" -> f.set(EventFields.INSTANCE_ID, c, o, l);
          default -> {}
        }
      }
      case "outcome" -> {
        switch (name) {
          case "status" -> f.set(EventFields.STATUS, c, o, l);
          case "error_type" -> f.set(EventFields.ERROR_TYPE, c, o, l);
          case "error_code" -> f.set(EventFields.ERROR_CODE, c, o, l);
          default -> {}
        }
      }
      default -> {}
    }
  }

  private static void captureNumber(String section, String name, long v, char[] c, int o, int l, EventFields f) {
    if ("identity".equals(section) && "source_port".equals(name)) {
      f.sourcePort = v;
    } else if ("outcome".equals(section) && "error_code".equals(name)) {
      f.set(EventFields.ERROR_CODE, c, o, l);
    } else if ("activity".equals(section) && "jsonrpc_id".equals(name)) {
      f.set(EventFields.REQUEST_ID, c, o, l);
    }
  }

  /** Lowercase or uppercase hex of exactly {@code out.length} bytes, not all zero (an invalid id in OTLP). */
  static boolean hex(char[] c, int o, int l, byte[] out) {
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
   * characters; other ISO-8601 instants through {@link Instant#parse}; 0 when unreadable.
   */
  static long epochNanos(char[] c, int o, int l) {
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
      Instant instant = Instant.parse(new String(c, o, l));
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    } catch (DateTimeException | ArithmeticException e) {
      return 0;
    }
  }

  private static int digits(char[] c, int o, int n) {
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

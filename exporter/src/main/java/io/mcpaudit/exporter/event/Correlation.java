package io.mcpaudit.exporter.event;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.exporter.json.Ids;
import io.mcpaudit.exporter.json.Text;
import java.util.Locale;

/**
 * Chooses the correlation id, in the documented order: a W3C traceparent in {@code params._meta},
 * a traceparent header, the first configured correlation header, else a generated id.
 */
final class Correlation {
  private Correlation() {}

  static void resolve(Object meta, HttpRequestInfo http, Ids ids, ActivityEvent event) {
    Object metaTraceparent = Reflect.member(meta, "traceparent");
    if (metaTraceparent instanceof String tp && applyTraceparent(tp, "meta.traceparent", ids, event)) {
      return;
    }
    if (http != null && applyTraceparent(http.traceparent, "header.traceparent", ids, event)) {
      return;
    }
    if (http != null && http.correlationValue != null && !http.correlationValue.isBlank()) {
      event.correlationId = Text.clean(http.correlationValue.trim(), 128);
      String header = http.correlationHeader == null ? "unknown" : http.correlationHeader;
      event.correlationSource = Text.clean("header." + header.toLowerCase(Locale.ROOT), Text.NAME);
      return;
    }
    event.correlationId = ids.traceId();
    event.correlationSource = "generated";
  }

  private static boolean applyTraceparent(String value, String source, Ids ids, ActivityEvent event) {
    if (!isValidTraceparent(value)) {
      return false;
    }
    event.traceId = value.substring(3, 35);
    event.parentSpanId = value.substring(36, 52);
    event.spanId = ids.spanId();
    event.correlationId = event.traceId;
    event.correlationSource = source;
    return true;
  }

  /** Version 00 layout: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}, ids not all zero. */
  static boolean isValidTraceparent(String value) {
    if (value == null || value.length() < 55) {
      return false;
    }
    if (value.length() > 55 && (value.startsWith("00") || value.charAt(55) != '-')) {
      return false; // version 00 has exactly four fields; later versions may append more
    }
    return value.charAt(2) == '-' && value.charAt(35) == '-' && value.charAt(52) == '-'
        && isHex(value, 0, 2) && !value.startsWith("ff")
        && isHex(value, 3, 35) && !allZero(value, 3, 35)
        && isHex(value, 36, 52) && !allZero(value, 36, 52)
        && isHex(value, 53, 55);
  }

  private static boolean isHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }
}

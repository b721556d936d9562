package io.mcpaudit.exporter.privacy;

import io.mcpaudit.exporter.model.json.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a free-text value that may carry user data safe to write: URLs inside it lose user information,
 * query values and fragments ({@link ResourceUris}), every detected secret or personal value is replaced
 * ({@link Redactor}), and the result is cut to the field's length. Text beyond a scan window a few times
 * the field's length is dropped first, so hostile megabyte values cost little and nothing kept was left
 * unscanned.
 */
public final class FreeText {
  /** {@code scheme://…}, and scheme-only URIs with a query or fragment ({@code file:/x?token=…}, {@code urn:a?b=c}). */
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,30}:[^\\s\"'<>]{1,2048}");

  private FreeText() {}

  public static String scrub(Object value, int maxChars) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value);
    int window = Math.min(Redactor.MAX_SCAN_CHARS, 4 * maxChars);
    if (text.length() > window) {
      text = text.substring(0, window);
    }
    return Text.clean(Redactor.standard().redact(withSafeUrls(text)), maxChars);
  }

  private static String withSafeUrls(String text) {
    if (text.indexOf(':') < 0) {
      return text;
    }
    Matcher m = URL.matcher(text);
    StringBuilder out = null;
    int at = 0;
    while (m.find()) {
      String url = m.group();
      String safe = ResourceUris.sanitize(url);
      if (!safe.equals(url)) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, at, m.start()).append(safe);
        at = m.end();
      }
    }
    return out == null ? text : out.append(text, at, text.length()).toString();
  }
}

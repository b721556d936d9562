package io.mcpaudit.exporter.model.json;

/**
 * Makes strings that came from outside safe for one JSON line: lone UTF-16 surrogates become U+FFFD
 * (JSON encoders reject or mangle them) and over-long values are cut with a visible marker. Control
 * characters and newlines are left to the JSON encoder, which escapes them.
 */
public final class Text {
  public static final String TRUNCATED = "…[truncated]";
  public static final int NAME = 256;
  public static final int URI = 1024;
  public static final int MESSAGE = 512;

  private Text() {}

  public static String clean(String value, int maxChars) {
    if (value == null) {
      return null;
    }
    boolean cut = value.length() > maxChars;
    int end = cut ? maxChars : value.length();
    if (cut && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // do not split a pair
    }
    StringBuilder out = null;
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      boolean lone = Character.isHighSurrogate(c)
          ? i + 1 >= end || !Character.isLowSurrogate(value.charAt(i + 1))
          : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
      if (lone && out == null) {
        out = new StringBuilder(end + TRUNCATED.length()).append(value, 0, i);
      }
      if (out != null) {
        out.append(lone ? '\uFFFD' : c);
      }
    }
    if (out == null) {
      return cut ? value.substring(0, end) + TRUNCATED : value;
    }
    return cut ? out.append(TRUNCATED).toString() : out.toString();
  }

  /** {@code String.valueOf} for ids and names of unknown type, then {@link #clean}. */
  public static String clean(Object value, int maxChars) {
    return value == null ? null : clean(String.valueOf(value), maxChars);
  }
}

package io.mcpaudit.exporter.privacy;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector defined by a regular expression, with a cheap pre-check (a literal the match must contain)
 * so that ordinary text costs a string search rather than a regex run, and optionally confirmed by a check
 * of the matched text (a checksum, an entropy floor). The matcher is reused; an instance belongs to one
 * {@link Redactor}, which is used by one thread at a time.
 */
final class PatternDetector implements Detector {
  private final String name;
  private final Predicate<CharSequence> mayContain;
  private final Matcher matcher;
  private final Predicate<String> confirm;
  private final String regex;

  PatternDetector(String name, Predicate<CharSequence> mayContain, String regex, Predicate<String> confirm) {
    this.name = name;
    this.mayContain = mayContain;
    this.matcher = Pattern.compile(regex).matcher("");
    this.confirm = confirm;
    this.regex = regex;
  }

  /** A configured detector: every match of {@code regex} is replaced by {@code [REDACTED:<name>]}. */
  static PatternDetector user(String name, String regex) {
    return new PatternDetector(name, text -> true, regex, null);
  }

  String regex() {
    return regex;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long find(CharSequence text, int from) {
    if (from == 0 && !mayContain.test(text)) {
      return -1;
    }
    matcher.reset(text);
    int at = from;
    while (at <= text.length() && matcher.find(at)) {
      if (confirm == null || confirm.test(matcher.group())) {
        return Detector.span(matcher.start(), matcher.end());
      }
      at = matcher.start() + 1;
    }
    return -1;
  }

  /** The text contains one of {@code literals} (case-sensitive). */
  static Predicate<CharSequence> containsAny(String... literals) {
    return text -> {
      String s = text.toString();
      for (String literal : literals) {
        if (s.contains(literal)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The text contains {@code lowercase} in any case. */
  static Predicate<CharSequence> containsIgnoringCase(String lowercase) {
    return text -> {
      int n = lowercase.length();
      for (int i = 0; i + n <= text.length(); i++) {
        if (text.toString().regionMatches(true, i, lowercase, 0, n)) {
          return true;
        }
      }
      return false;
    };
  }

  /** The text holds at least {@code count} digits. */
  static Predicate<CharSequence> digits(int count) {
    return text -> {
      int seen = 0;
      for (int i = 0; i < text.length() && seen < count; i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          seen++;
        }
      }
      return seen >= count;
    };
  }

  static Predicate<CharSequence> longerThan(int length) {
    return text -> text.length() > length;
  }
}

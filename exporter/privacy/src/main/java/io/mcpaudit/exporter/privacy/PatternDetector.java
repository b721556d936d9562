package io.mcpaudit.exporter.privacy;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector defined by a regular expression, optionally confirmed by a check of the matched text
 * (a checksum, an entropy floor). The patterns here have no nested quantifiers, so matching stays
 * linear in the input.
 */
final class PatternDetector implements Detector {
  private final String name;
  private final Pattern pattern;
  private final Predicate<String> confirm;

  PatternDetector(String name, String regex, Predicate<String> confirm) {
    this.name = name;
    this.pattern = Pattern.compile(regex);
    this.confirm = confirm;
  }

  PatternDetector(String name, String regex) {
    this(name, regex, null);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long find(CharSequence text, int from) {
    Matcher m = pattern.matcher(text);
    int at = from;
    while (at <= text.length() && m.find(at)) {
      if (confirm == null || confirm.test(m.group())) {
        return Detector.span(m.start(), m.end());
      }
      at = m.start() + 1;
    }
    return -1;
  }
}

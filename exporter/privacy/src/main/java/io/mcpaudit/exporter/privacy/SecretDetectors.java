package io.mcpaudit.exporter.privacy;

import java.util.List;

/**
 * The built-in detectors: credentials by their documented shapes, and personal data by shape plus a
 * checksum where one exists. Used to scrub free-text fields (error messages, Basic user names, …)
 * before they are written. The privacy work extends this set; every entry is bounded and
 * allocation-light.
 */
public final class SecretDetectors {
  /**
   * Characters of a generic opaque token. Path and name separators ({@code / . : @ -}) are left out, so a file
   * path, a dotted class name or a pod name is scored piece by piece, not as one long random-looking run.
   */
  private static final String TOKEN_CHARS = "A-Za-z0-9_+=";

  /** A fresh set of the built-in detectors (they keep matchers: one set per {@link Redactor}). */
  static java.util.List<Detector> create(boolean personalData) {
    java.util.List<Detector> all = new java.util.ArrayList<>(java.util.List.of(
        new PatternDetector("pem_private_key", PatternDetector.containsAny("-----BEGIN"),
            "-----BEGIN[A-Z ]{0,40}PRIVATE KEY-----[\\s\\S]{0,8192}?(?:-----END[A-Z ]{0,40}PRIVATE KEY-----|$)", null),
        new PatternDetector("jwt", PatternDetector.containsAny("eyJ"),
            "eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", null),
        new PatternDetector("bearer_token", PatternDetector.containsIgnoringCase("bearer"),
            "(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]{8,}", null),
        new PatternDetector("basic_credentials", PatternDetector.containsIgnoringCase("basic"),
            "(?i)\\bbasic\\s+[A-Za-z0-9+/]{8,}={0,2}", null),
        new PatternDetector("url_credentials", PatternDetector.containsAny("://"),
            "[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\\s/?#@:]{1,256}:[^\\s/?#@]{1,256}@", null),
        new PatternDetector("aws_access_key_id", PatternDetector.containsAny("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
            "(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])", null),
        new PatternDetector("github_token", PatternDetector.containsAny("gh", "github_pat_"),
            "(?<![A-Za-z0-9_])(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])", null),
        new PatternDetector("slack_token", PatternDetector.containsAny("xox"),
            "(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,250}", null),
        new PatternDetector("stripe_key", PatternDetector.containsAny("_live_", "_test_"),
            "(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,250}", null),
        new PatternDetector("google_api_key", PatternDetector.containsAny("AIza"),
            "(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", null)));
    if (personalData) {
      all.add(new PatternDetector("email", PatternDetector.containsAny("@"),
          "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}", null));
      all.add(new PatternDetector("us_ssn", PatternDetector.digits(9),
          "(?<![0-9-])(?!000|666|9[0-9]{2})[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![0-9-])", null));
      all.add(new PatternDetector("payment_card", PatternDetector.digits(13),
          "(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])", SecretDetectors::luhn));
    }
    all.add(new PatternDetector("high_entropy_token", PatternDetector.longerThan(23),
        "(?<![" + TOKEN_CHARS + "])[" + TOKEN_CHARS + "]{24,}+(?![" + TOKEN_CHARS + "])", SecretDetectors::looksRandom));
    return all;
  }

  private SecretDetectors() {}

  /** The names of the built-in detectors, in the order they run. */
  public static List<String> names() {
    return create(true).stream().map(Detector::name).toList();
  }

  /** Card numbers: 13 to 19 digits (spaces or dashes between them allowed) with a valid Luhn check digit. */
  static boolean luhn(String candidate) {
    int sum = 0;
    int digits = 0;
    boolean doubled = false;
    char first = 0;
    boolean allSame = true;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      if (first != 0 && c != first) {
        allSame = false;
      }
      first = c;
      int d = c - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0 && !allSame;
  }

  /**
   * A long run of token characters that reads as random: letters and digits mixed, high Shannon entropy,
   * and not one of the shapes ids commonly take (UUIDs, hex digests, dotted names).
   */
  static boolean looksRandom(String token) {
    boolean digit = false;
    boolean lower = false;
    boolean upper = false;
    boolean hexOnly = true;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      digit |= c >= '0' && c <= '9';
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      hexOnly &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '-';
    }
    if (!digit || !(lower || upper) || hexOnly) {
      return false; // UUIDs and digests are hex; words and dotted class names have no digits
    }
    return (lower && upper || token.length() >= 32) && entropy(token) >= 3.8;
  }

  static double entropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    double n = s.length();
    for (int count : counts) {
      if (count > 0) {
        double p = count / n;
        h -= p * Math.log(p);
      }
    }
    if (other > 0) {
      double p = other / n;
      h -= p * Math.log(p);
    }
    return h / Math.log(2);
  }
}

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
        new PatternDetector("aws_secret_access_key", PatternDetector.longerThan(39),
            "(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", SecretDetectors::looksLikeAwsSecret),
        // classic tokens carry a CRC32 of their body (base62, last 6 characters); one whose checksum does not hold
        // is still caught by the entropy detector below, under that name
        new PatternDetector("github_token", PatternDetector.containsAny("gh", "github_pat_"),
            "(?<![A-Za-z0-9_])(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])",
            SecretDetectors::githubChecksum),
        new PatternDetector("slack_token", PatternDetector.containsAny("xox", "hooks.slack.com"),
            "(?<![A-Za-z0-9])(?:xox[abposr]-[A-Za-z0-9-]{10,250}"
                + "|https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,200})", null),
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
      all.add(new PatternDetector("iban", PatternDetector.digits(8),
          "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])", SecretDetectors::iban));
      all.add(new PatternDetector("phone_number", PatternDetector.digits(8),
          "(?<![A-Za-z0-9+.-])(?:\\+[1-9][0-9]{0,2}[ .-]?(?:\\(?[0-9]{1,4}\\)?[ .-]?){1,4}[0-9]{2,4}"
              + "|\\(?[2-9][0-9]{2}\\)?[ .-][2-9][0-9]{2}[ .-][0-9]{4})(?![A-Za-z0-9.-])", SecretDetectors::phone));
    }
    all.add(new PatternDetector("high_entropy_token", PatternDetector.longerThan(23),
        "(?<![" + TOKEN_CHARS + "])[" + TOKEN_CHARS + "]{24,}+(?![" + TOKEN_CHARS + "])", SecretDetectors::looksRandom));
    return all;
  }

  private SecretDetectors() {}

  /** Each built-in detector as {@code name=regex}: what the redaction policy's version is derived from. */
  static List<String> describe() {
    return create(true).stream().map(d -> d.name() + "=" + ((PatternDetector) d).regex()).toList();
  }

  /** The names of the built-in detectors, in the order they run. */
  public static List<String> names() {
    return create(true).stream().map(Detector::name).toList();
  }

  /**
   * An AWS secret access key: 40 characters of base64, with upper and lower case and digits mixed, random-looking
   * (a hex digest or a path of the same length is not).
   */
  static boolean looksLikeAwsSecret(String candidate) {
    boolean digit = false;
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      digit |= c >= '0' && c <= '9';
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    return digit && lower && upper && entropy(candidate) >= 4.2;
  }

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /**
   * A classic GitHub token ({@code ghp_} + 30 random characters + 6 checksum characters): the checksum is the
   * CRC32 of the random part in base62, zero-padded. Fine-grained tokens ({@code github_pat_}) are taken by shape.
   */
  static boolean githubChecksum(String token) {
    if (token.startsWith("github_pat_")) {
      return true;
    }
    int underscore = token.indexOf('_');
    String body = token.substring(underscore + 1);
    if (body.length() != 36) {
      return false;
    }
    return githubChecksumOf(body.substring(0, 30)).equals(body.substring(30));
  }

  /** The six base62 checksum characters GitHub appends to a classic token's 30-character body. */
  public static String githubChecksumOf(String body) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[6];
    for (int i = 5; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  /** An IBAN: country code, two check digits, then the account; valid when the ISO 7064 mod-97 remainder is 1. */
  static boolean iban(String candidate) {
    String compact = candidate.replace(" ", "");
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
      if (value < 0) {
        return false;
      }
      remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder == 1;
  }

  /** A phone number: 8 to 15 digits in all (E.164 allows 15), not all the same digit. */
  static boolean phone(String candidate) {
    int digits = 0;
    char first = 0;
    boolean allSame = true;
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c >= '0' && c <= '9') {
        if (first != 0 && c != first) {
          allSame = false;
        }
        first = c;
        digits++;
      }
    }
    return digits >= 8 && digits <= 15 && !allSame;
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

package io.mcpaudit.exporter.privacy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Replaces everything a {@link Detector} finds with a typed placeholder, {@code [REDACTED:<kind>]}, so
 * a reader can tell what kind of value was there without seeing it. Exporter thread only.
 */
public final class Redactor {
  public static final String PLACEHOLDER_PREFIX = "[REDACTED:";
  /** Text beyond this is neither scanned nor kept: callers cut their fields well below it. */
  public static final int MAX_SCAN_CHARS = 16_384;

  private static volatile Redactor standard = new Redactor(SecretDetectors.create(true));
  private static final Redactor CREDENTIALS = new Redactor(SecretDetectors.create(false));

  private final Detector[] detectors;
  /** Values never replaced, whatever a detector says (a test card number, the organisation's support address). */
  private final Set<String> allowed;
  private long[] spans = new long[16];
  private int[] kinds = new int[16];

  public Redactor(List<Detector> detectors) {
    this(detectors, Set.of());
  }

  public Redactor(List<Detector> detectors, Set<String> allowed) {
    this.detectors = detectors.toArray(new Detector[0]);
    this.allowed = Set.copyOf(allowed);
  }

  /**
   * The detectors free-text fields are scrubbed with: the built-in ones (credentials and personal data), plus the
   * configured ones once the agent has started ({@link #useAsStandard}).
   */
  public static Redactor standard() {
    return standard;
  }

  /** Makes {@code configured} (built-in plus user detectors and allowlist) the one free-text fields use. */
  public static void useAsStandard(Redactor configured) {
    standard = configured;
  }

  /** The detectors' names, by index (as {@link #redact(String, int[])} counts them). */
  public String[] names() {
    String[] names = new String[detectors.length];
    for (int i = 0; i < detectors.length; i++) {
      names[i] = detectors[i].name();
    }
    return names;
  }

  public int size() {
    return detectors.length;
  }

  /**
   * Credentials only (keys, tokens, private keys, credentials in URLs): for values that are identities, where
   * an e-mail address is the expected content, not a leak (a Basic user name, a gateway's user header).
   */
  public static Redactor credentials() {
    return CREDENTIALS;
  }

  /** {@code text} with every detected value replaced; the same instance when nothing was found. */
  public String redact(String text) {
    return redact(text, null);
  }

  /**
   * {@code text} with every detected value replaced; the same instance when nothing was found. Each replacement
   * adds one to {@code counts[detector index]} when counts is given.
   */
  public synchronized String redact(String text, int[] counts) {
    if (text == null || text.isEmpty() || allowed.contains(text)) {
      return text;
    }
    CharSequence scanned = text.length() > MAX_SCAN_CHARS ? text.substring(0, MAX_SCAN_CHARS) : text;
    int found = collect(scanned);
    if (found == 0) {
      return scanned == text ? text : scanned.toString();
    }
    StringBuilder out = new StringBuilder(scanned.length());
    int at = 0;
    for (int i = 0; i < found; i++) {
      int start = Detector.start(spans[i]);
      int end = Detector.end(spans[i]);
      if (end <= at) {
        continue; // inside an earlier, overlapping match
      }
      if (!allowed.isEmpty() && allowed.contains(scanned.subSequence(start, end).toString())) {
        continue;
      }
      if (counts != null) {
        counts[kinds[i]]++;
      }
      out.append(scanned, at, Math.max(at, start));
      out.append(PLACEHOLDER_PREFIX).append(detectors[kinds[i]].name()).append(']');
      at = end;
    }
    if (at == 0) {
      return scanned == text ? text : scanned.toString(); // every match was allowed
    }
    out.append(scanned, at, scanned.length());
    return out.toString();
  }

  /** The kind of the first value found in {@code text}, or null when it looks clean. */
  public synchronized String firstKind(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    CharSequence scanned = text.length() > MAX_SCAN_CHARS ? text.substring(0, MAX_SCAN_CHARS) : text;
    for (Detector d : detectors) {
      if (d.find(scanned, 0) >= 0) {
        return d.name();
      }
    }
    return null;
  }

  /** Every match of every detector, sorted by start (earliest first, longest first on ties). */
  private int collect(CharSequence text) {
    int n = 0;
    for (int k = 0; k < detectors.length; k++) {
      int from = 0;
      long span;
      while (from <= text.length() && (span = detectors[k].find(text, from)) >= 0) {
        if (n == spans.length) {
          spans = Arrays.copyOf(spans, n * 2);
          kinds = Arrays.copyOf(kinds, n * 2);
        }
        spans[n] = span;
        kinds[n] = k;
        n++;
        from = Math.max(Detector.end(span), Detector.start(span) + 1);
      }
    }
    // insertion sort: a handful of matches at most in practice
    for (int i = 1; i < n; i++) {
      long s = spans[i];
      int k = kinds[i];
      int j = i - 1;
      while (j >= 0 && before(s, spans[j])) {
        spans[j + 1] = spans[j];
        kinds[j + 1] = kinds[j];
        j--;
      }
      spans[j + 1] = s;
      kinds[j + 1] = k;
    }
    return n;
  }

  private static boolean before(long a, long b) {
    int sa = Detector.start(a);
    int sb = Detector.start(b);
    return sa < sb || (sa == sb && Detector.end(a) > Detector.end(b));
  }
}

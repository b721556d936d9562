package io.mcpaudit.exporter.privacy;

/**
 * Finds one kind of secret or personal data in text. Implementations are stateless, bounded (no
 * backtracking that grows with hostile input) and run on the exporter thread only.
 */
public interface Detector {

  /** The kind, as it appears in placeholders: {@code [REDACTED:<name>]}. */
  String name();

  /**
   * The first match at or after {@code from}, as {@code start << 32 | end}, or -1 when there is none.
   * Packed into a long so scanning allocates nothing per match.
   */
  long find(CharSequence text, int from);

  static long span(int start, int end) {
    return ((long) start << 32) | (end & 0xFFFFFFFFL);
  }

  static int start(long span) {
    return (int) (span >>> 32);
  }

  static int end(long span) {
    return (int) span;
  }
}

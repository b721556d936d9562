package io.mcpaudit.exporter.journal;

/**
 * Where a reader is: the number of the next line to send, in the segment starting at {@code segmentFirstSeq},
 * at byte {@code offset}. Persisted after every delivered batch.
 */
record Cursor(long seq, long segmentFirstSeq, long offset) {

  String encode() {
    return seq + " " + segmentFirstSeq + " " + offset + "\n";
  }

  static Cursor decode(String text) {
    String[] parts = text.trim().split(" ");
    if (parts.length != 3) {
      return null;
    }
    try {
      return new Cursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}

package io.mcpaudit.exporter.integrity.verify;

/**
 * One thing {@code verify} found. {@code ERROR}s are tampering, {@code INCOMPLETE} a trail cut short; both make the
 * verdict fail. {@code INFO} describes what is fine but worth knowing: restarts, documented gaps, files that begin
 * inside a chain.
 *
 * @param line 1-based line in {@code file}, or 0 when the finding is about a chain, not one line
 */
public record Finding(Severity severity, Kind kind, String file, long line, String chainId, long seq, String message) {

  public enum Severity {
    ERROR,
    INCOMPLETE,
    INFO
  }

  public enum Kind {
    MODIFIED,
    INSERTED,
    DELETED,
    REORDERED,
    TRUNCATED,
    REKEYED,
    RESIGNED,
    UNSEALED,
    RESTART,
    GAP,
    PARTIAL,
    DUPLICATE,
    NOTE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public String where() {
    return file == null ? "" : line > 0 ? file + ":" + line : file;
  }
}

package io.mcpaudit.exporter.integrity.verify;

import java.util.List;

/**
 * The verdict: {@code intact} (exit 0) when nothing is wrong and every chain is complete; {@code tampered} (exit 1)
 * when any finding is an error; {@code incomplete} (exit 1) when a chain is cut short but nothing was changed.
 *
 * @param keyMissing the trail is keyed and no key was given: nothing could be checked (exit 2)
 */
public record VerifyResult(int files, long lines, int chains, int checkpoints, List<Finding> findings,
    boolean keyMissing) {

  public String status() {
    if (keyMissing) {
      return "unverifiable";
    }
    if (findings.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR)) {
      return "tampered";
    }
    if (findings.stream().anyMatch(f -> f.severity() == Finding.Severity.INCOMPLETE)) {
      return "incomplete";
    }
    return "intact";
  }

  public int exitCode() {
    return switch (status()) {
      case "intact" -> 0;
      case "unverifiable" -> 2;
      default -> 1;
    };
  }

  /** The first finding that fails the verdict, or null. */
  public Finding firstProblem() {
    return findings.stream().filter(f -> f.severity() != Finding.Severity.INFO).findFirst().orElse(null);
  }
}

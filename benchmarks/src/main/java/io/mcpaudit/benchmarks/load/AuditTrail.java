package io.mcpaudit.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Reads back what the agent wrote: how many {@code tools/call} events reached the file, then frees the disk. */
final class AuditTrail {
  private static final byte[] TOOL_CALL = "\"mcp_operation\":\"tools/call\"".getBytes(StandardCharsets.US_ASCII);

  private AuditTrail() {}

  /** Occurrences of the tools/call operation in the file (one per event line); -1 when there is no file. */
  static long countToolCalls(Path file) throws IOException {
    if (!Files.exists(file)) {
      return -1;
    }
    long count = 0;
    int matched = 0; // bytes of TOOL_CALL matched so far; its prefix "m never recurs in it, so no KMP
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == TOOL_CALL[matched]) {
            if (++matched == TOOL_CALL.length) {
              count++;
              matched = 0;
            }
          } else {
            matched = b == TOOL_CALL[0] ? 1 : 0;
          }
        }
      }
    }
    return count;
  }

  /** Deletes a file or directory tree if present (a full run writes about a GiB of audit trail per setup). */
  static void delete(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

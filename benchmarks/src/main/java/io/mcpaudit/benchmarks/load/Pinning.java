package io.mcpaudit.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The pinned mode ({@code --pin}): the server gets core 0 alone, as on a 1-CPU pod, and the load generator (this
 * JVM, pinned by {@code run-load.sh} with {@code taskset -c 1}) core 1, so neither steals the other's CPU and the
 * server's core can be driven to saturation.
 */
final class Pinning {
  static final String SERVER_CORE = "0";
  static final String RUNNER_CORE = "1";

  private Pinning() {}

  /** What goes in front of the server's java command line. */
  static List<String> serverPrefix(boolean pinned) {
    return pinned ? List.of("taskset", "-c", SERVER_CORE) : List.of();
  }

  /** JVM flags for the pinned server: size thread pools, GC and JIT as for one CPU, not for the machine's two. */
  static List<String> serverJvmArgs(boolean pinned) {
    return pinned ? List.of("-XX:ActiveProcessorCount=1") : List.of();
  }

  /** The CPUs this process may run on ("0-1", "1"), from /proc; "?" off Linux. */
  static String allowedCpusOfThisProcess() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "?";
  }

  /** Fails early when pinning cannot work, rather than reporting unpinned numbers as pinned. */
  static void check() {
    // (not availableProcessors(): under taskset the JVM counts only the CPUs it is allowed)
    String allowed = allowedCpusOfThisProcess();
    if (!allowed.equals(RUNNER_CORE)) {
      System.out.println("warning: --pin but the load generator may run on CPUs " + allowed
          + " (start it with taskset -c " + RUNNER_CORE + ", as run-load.sh does)");
    }
  }
}

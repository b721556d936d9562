package io.mcpaudit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running server under test and how load clients reach it. */
abstract class Target implements AutoCloseable {
  /** Each generation's or region heap's "total NK, used NK" (Serial and Parallel list two generations, G1 one heap). */
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

  /** When the server's JVM was started (System.nanoTime). */
  final long startedNanos;

  Target(long startedNanos) {
    this.startedNanos = startedNanos;
  }

  static Target start(String transport, List<String> command, Path workDir, boolean sdkClient) throws Exception {
    return transport.equals("stdio") ? StdioTarget.start(command) : HttpTarget.start(command, workDir, sdkClient);
  }

  /** A client for one load thread (a new connection and session over HTTP; the one shared connection over stdio). */
  abstract Caller client() throws Exception;

  /** True when {@link #client} hands every thread the same connection, which the target closes itself. */
  abstract boolean sharedClient();

  abstract ProcessHandle process();

  /** CPU time the server JVM has used so far, in nanoseconds. */
  long cpuNanos() {
    return process().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Heap in use after a full GC, in MiB: what the process retains. */
  double heapAfterGcMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher m = USED.matcher(jcmd("GC.heap_info"));
    long kib = 0;
    boolean found = false;
    while (m.find()) {
      kib += Long.parseLong(m.group(1));
      found = true;
    }
    return found ? kib / 1024.0 : Double.NaN;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process().pid()), command)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return output;
  }
}

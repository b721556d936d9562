package io.mcpaudit.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The sample MCP server (Streamable HTTP on loopback) in its own JVM, set up one way or another. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");
  private static final Pattern USED = Pattern.compile("used (\\d+)K");

  final Process process;
  final long startedNanos;
  final int port;

  private ServerProcess(Process process, long startedNanos, int port) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.port = port;
  }

  static ServerProcess start(Setup setup, Setup.Paths paths, Path workDir) throws Exception {
    Files.createDirectories(workDir);
    Path module = paths.serverModule();
    String classPath = module.resolve("classes") + File.pathSeparator
        + Files.readString(module.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(setup.jvmArgs(paths, workDir));
    String extra = System.getProperty("load.serverJvmArgs", "").trim(); // e.g. a profiler, see docs/PERFORMANCE.md
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath, setup.mainClass, "streamable", "0"));
    Path out = workDir.resolve("server.out");
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(workDir.resolve("server.err").toFile()).start();
    long deadline = started + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (m.find()) {
        return new ServerProcess(process, started, Integer.parseInt(m.group(1)));
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(5);
    }
    process.destroyForcibly();
    throw new IllegalStateException(setup + " server did not start; see " + workDir);
  }

  /** CPU time the server JVM has used so far, in nanoseconds. */
  long cpuNanos() {
    return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** Heap in use after a full GC, in MiB: what the process retains. */
  double heapAfterGcMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher m = USED.matcher(jcmd("GC.heap_info"));
    return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), command)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return output;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

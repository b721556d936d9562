package io.mcpaudit.smoke;

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

/** A child JVM whose output goes to files (for diagnosis), with time limits on everything. */
final class JvmProcess implements AutoCloseable {
  private final Process process;
  private final Path out;
  private final Path err;
  private final String name;

  private JvmProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static JvmProcess start(Path dir, String name, List<String> jvmArgs, String classPath, String mainClass,
      String... args) throws IOException {
    return start(Path.of(System.getProperty("java.home")), dir, name, jvmArgs, classPath, mainClass, args);
  }

  static JvmProcess start(Path javaHome, Path dir, String name, List<String> jvmArgs, String classPath,
      String mainClass, String... args) throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    return new JvmProcess(name, process, out, err);
  }

  /** Waits for a line on standard output matching {@code regex}; returns its first group. */
  long pid() {
    return process.pid();
  }

  String awaitLine(String regex, Duration timeout) throws Exception {
    Pattern pattern = Pattern.compile(regex);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        Matcher m = pattern.matcher(line);
        if (m.matches()) {
          return m.groupCount() > 0 ? m.group(1) : line;
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before printing " + regex + "\n" + tails());
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " did not print " + regex + " within " + timeout + "\n" + tails());
  }

  /** Writes {@code text} to the JVM's standard input. */
  void send(String text) throws IOException {
    process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Ends the JVM's standard input. */
  void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** Waits for a normal exit and returns the exit code. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish within " + timeout + "\n" + tails());
    }
    return process.exitValue();
  }

  /** SIGTERM, as an orchestrator would stop the server, so shutdown hooks run. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " ignored SIGTERM\n" + tails());
    }
  }

  String stdout() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  String tails() {
    try {
      return "--- " + name + " stdout (tail):\n" + tail(stdout()) + "\n--- " + name + " stderr (tail):\n" + tail(stderr());
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  /** Kills the JVM if it still runs, and anything it started (the stdio client's server). */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}

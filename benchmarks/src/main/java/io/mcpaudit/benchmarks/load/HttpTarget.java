package io.mcpaudit.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server on Streamable HTTP (loopback); every load thread opens its own session. */
final class HttpTarget extends Target {
  private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

  private final Process process;
  private final int port;
  private final boolean sdkClient;

  private HttpTarget(Process process, long startedNanos, int port, boolean sdkClient) {
    super(startedNanos);
    this.process = process;
    this.port = port;
    this.sdkClient = sdkClient;
  }

  static HttpTarget start(List<String> command, Path workDir, boolean sdkClient) throws Exception {
    Path out = workDir.resolve("server.out");
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(workDir.resolve("server.err").toFile()).start();
    long deadline = started + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (m.find()) {
        return new HttpTarget(process, started, Integer.parseInt(m.group(1)), sdkClient);
      }
      Thread.sleep(5);
    }
    process.destroyForcibly();
    throw new IllegalStateException("server did not start; see " + workDir);
  }

  @Override
  Caller client() throws Exception {
    return sdkClient ? LoadClient.http(port) : HttpConnection.open("127.0.0.1", port);
  }

  @Override
  boolean sharedClient() {
    return false;
  }

  @Override
  ProcessHandle process() {
    return process.toHandle();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

package io.mcpaudit.benchmarks.load;

import java.util.List;

/**
 * The server on stdio, started by the SDK's own stdio client transport as a child of this JVM; all
 * load threads share its one connection (one session), as the requests of one MCP host would.
 */
final class StdioTarget extends Target {
  private final LoadClient shared;
  private final ProcessHandle process;

  private StdioTarget(LoadClient shared, ProcessHandle process, long startedNanos) {
    super(startedNanos);
    this.shared = shared;
    this.process = process;
  }

  static StdioTarget start(List<String> command) {
    long started = System.nanoTime();
    LoadClient client = LoadClient.stdio(command);
    ProcessHandle server = ProcessHandle.current().children()
        .filter(p -> p.info().commandLine().orElse("").contains(command.get(command.size() - 2)))
        .findFirst().orElseThrow(() -> new IllegalStateException("no stdio server process"));
    return new StdioTarget(client, server, started);
  }

  @Override
  Caller client() {
    return shared;
  }

  @Override
  boolean sharedClient() {
    return true;
  }

  @Override
  ProcessHandle process() {
    return process;
  }

  @Override
  public void close() {
    shared.close(); // ends the server's standard input: the sample server then exits
  }
}

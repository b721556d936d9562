package io.mcpaudit.benchmarks.load;

/** One load thread's way of sending {@code tools/call echo}: the raw HTTP connection or the SDK's client. */
interface Caller extends AutoCloseable {
  /** One request; true when the server answered with the tool's result, false (or an exception) otherwise. */
  boolean call() throws Exception;

  @Override
  void close();
}

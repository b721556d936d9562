package io.mcpaudit.benchmarks.load;

/** What one run of one setup measured. */
record Measurement(
    Setup setup,
    int round,
    long requests,
    long errors,
    double seconds,
    double p50Millis,
    double p99Millis,
    double p999Millis,
    double serverCpuMicrosPerRequest,
    double allocatedKiBPerRequest,
    double startupMillis,
    double heapAfterGcMiB) {

  double throughput() {
    return requests / seconds;
  }
}

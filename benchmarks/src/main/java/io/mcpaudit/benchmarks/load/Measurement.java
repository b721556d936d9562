package io.mcpaudit.benchmarks.load;

import java.util.Map;

/**
 * What one run of one setup measured. CPU figures are for the measured window; {@code callsSent} and
 * {@code eventsAudited} for the server's whole life (start-up call, warm-up and window), since the audit trail is
 * one file per run.
 */
record Measurement(
    Setup setup,
    int round,
    /** Why the setup could not run (e.g. the agent does not know an exporter yet); null when it ran. */
    String unavailable,
    long requests,
    long errors,
    double seconds,
    double p50Millis,
    double p99Millis,
    double p999Millis,
    double serverCpuMicrosPerRequest,
    double allocatedKiBPerRequest,
    double startupMillis,
    double heapAfterGcMiB,
    /** Server CPU over the window in cores (1.0 = one core busy all the time). */
    double serverCores,
    /** The runner JVM's CPU (load generator, OTLP sink) over the window, in cores. */
    double loadGeneratorCores,
    /** CPU used by every other process on the machine over the window, in cores: concurrent work, i.e. noise. */
    double otherProcessesCores,
    /** Warm-up actually run, in seconds: the planned one plus extensions while C2 was still compiling. */
    double warmupSeconds,
    /** C2 compiler threads' share of the server's CPU in the window. */
    double c2ShareOfWindow,
    /** Server CPU ticks in the window per thread group; empty off Linux. */
    Map<ThreadCpu.Group, Long> cpuTicksByGroup,
    long callsSent,
    long callErrorsTotal,
    /** {@code tools/call} events in the audit trail after the server stopped; -1 when there is no trail. */
    long eventsAudited,
    long sinkRequests,
    long sinkBytes) {

  static Measurement unavailable(Setup setup, int round, String reason) {
    return new Measurement(setup, round, reason, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of(), 0, 0, -1, 0, 0);
  }

  boolean available() {
    return unavailable == null;
  }

  double throughput() {
    return requests / seconds;
  }

  Measurement withAudit(long audited, long sinkRequests, long sinkBytes) {
    return new Measurement(setup, round, unavailable, requests, errors, seconds, p50Millis, p99Millis, p999Millis,
        serverCpuMicrosPerRequest, allocatedKiBPerRequest, startupMillis, heapAfterGcMiB, serverCores,
        loadGeneratorCores, otherProcessesCores, warmupSeconds, c2ShareOfWindow, cpuTicksByGroup, callsSent,
        callErrorsTotal, audited, sinkRequests, sinkBytes);
  }

  /** Microseconds of server CPU per request in the window spent by one thread group. */
  double groupMicrosPerRequest(ThreadCpu.Group group) {
    return cpuTicksByGroup.getOrDefault(group, 0L) * (1e6 / ThreadCpu.TICKS_PER_SECOND) / requests;
  }

  /** One thread group's share of the server's CPU in the window. */
  double groupShare(ThreadCpu.Group group) {
    long total = cpuTicksByGroup.values().stream().mapToLong(Long::longValue).sum();
    return total == 0 ? Double.NaN : cpuTicksByGroup.getOrDefault(group, 0L) / (double) total;
  }
}

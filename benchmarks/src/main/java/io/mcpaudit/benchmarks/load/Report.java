package io.mcpaudit.benchmarks.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The Markdown report: per setup, the mean over rounds and the ratio to "no agent" from the same run. */
final class Report {
  private Report() {}

  static String markdown(List<Measurement> results, List<Setup> setups, LoadRunner.Plan plan, boolean quick) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "### End-to-end load (%s)%n%n", quick ? "--quick" : "full"));
    md.append(String.format(Locale.ROOT,
        "Sample server on MCP SDK 2.1.0, %s, `tools/call echo`; %d closed-loop client "
            + "threads in the runner JVM on the same machine; %d s warm-up + %d s measured per run; %d alternating "
            + "rounds; server heap 256 MiB; JDK %s; %d CPUs. Means over rounds; ratios against *no agent* in this run.%n%n",
        plan.transport().equals("stdio") ? "stdio (one shared session)" : "Streamable HTTP on loopback (a session per thread)",
        plan.threads(), plan.warmupSeconds(), plan.measureSeconds(), plan.rounds(),
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
    md.append("| setup | throughput (req/s) | vs none | p50 ms | p99 ms | p99 vs none | p99.9 ms "
        + "| server CPU µs/req | CPU vs none | allocated KiB/req | Δ KiB/req | start-up to first response ms | Δ start-up ms "
        + "| heap after GC MiB | Δ heap MiB | errors |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    double baseThroughput = mean(results, Setup.NO_AGENT, Measurement::throughput);
    double baseP99 = mean(results, Setup.NO_AGENT, Measurement::p99Millis);
    double baseCpu = mean(results, Setup.NO_AGENT, Measurement::serverCpuMicrosPerRequest);
    double baseStart = mean(results, Setup.NO_AGENT, Measurement::startupMillis);
    double baseHeap = mean(results, Setup.NO_AGENT, Measurement::heapAfterGcMiB);
    double baseAlloc = mean(results, Setup.NO_AGENT, Measurement::allocatedKiBPerRequest);
    for (Setup setup : setups) {
      double throughput = mean(results, setup, Measurement::throughput);
      double p99 = mean(results, setup, Measurement::p99Millis);
      double cpu = mean(results, setup, Measurement::serverCpuMicrosPerRequest);
      double start = mean(results, setup, Measurement::startupMillis);
      double heap = mean(results, setup, Measurement::heapAfterGcMiB);
      double alloc = mean(results, setup, Measurement::allocatedKiBPerRequest);
      long errors = results.stream().filter(m -> m.setup() == setup).mapToLong(Measurement::errors).sum();
      md.append(String.format(Locale.ROOT,
          "| %s | %.0f | %.1f %% | %.2f | %.2f | %+.1f %% | %.2f | %.0f | %.2f× | %.1f | %+.1f | %.0f | %+.0f | %.1f | %+.1f | %d |%n",
          setup.label, throughput, 100 * throughput / baseThroughput,
          mean(results, setup, Measurement::p50Millis), p99, 100 * (p99 / baseP99 - 1),
          mean(results, setup, Measurement::p999Millis), cpu, cpu / baseCpu, alloc, alloc - baseAlloc,
          start, start - baseStart,
          heap, heap - baseHeap, errors));
    }
    md.append("\nPer run:\n\n| round | setup | req/s | p99 ms | CPU µs/req | KiB/req | start-up ms | heap MiB |\n"
        + "|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : results) {
      md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.0f | %.1f | %.0f | %.1f |%n", m.round(),
          m.setup().label, m.throughput(), m.p99Millis(), m.serverCpuMicrosPerRequest(), m.allocatedKiBPerRequest(),
          m.startupMillis(), m.heapAfterGcMiB()));
    }
    return md.toString();
  }

  private static double mean(List<Measurement> results, Setup setup, ToDoubleFunction<Measurement> metric) {
    return results.stream().filter(m -> m.setup() == setup).mapToDouble(metric).average().orElse(Double.NaN);
  }
}

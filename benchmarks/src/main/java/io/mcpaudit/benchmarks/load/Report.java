package io.mcpaudit.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown report. Ratios are paired: each run against "no agent" of the same round (rounds alternate setups,
 * so drift on a shared machine hits both halves of a pair alike), summarised as median [min–max] over rounds. The
 * A/A row (no agent against no agent) shows how far noise alone moves a ratio.
 */
final class Report {
  private Report() {}

  static String markdown(List<Measurement> results, List<Setup> setups, LoadRunner.Plan plan, boolean quick,
      String loadBefore, String loadAfter) {
    StringBuilder md = new StringBuilder();
    boolean full = plan.rounds() == 3 && plan.warmupSeconds() == 60 && plan.measureSeconds() == 20;
    md.append(String.format(Locale.ROOT, "### End-to-end load (%s%s), %s%n%n", quick ? "--quick" : full ? "full" : "custom",
        plan.pinned() ? ", --pin" : "", LocalDate.now()));
    facts(md, plan, loadBefore, loadAfter);
    summary(md, results, setups);
    threadBreakdown(md, results, setups, plan);
    checks(md, results, plan);
    others(md, results, setups);
    perRun(md, results);
    return md.toString();
  }

  private static void facts(StringBuilder md, LoadRunner.Plan plan, String loadBefore, String loadAfter) {
    boolean stdio = plan.transport().equals("stdio");
    md.append(String.format(Locale.ROOT, "* Machine: %s, %d CPUs online; %s %s; JDK %s (%s).%n", cpuModel(),
        onlineCpus(), System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("java.version"), System.getProperty("java.vm.name")));
    md.append(plan.pinned()
        ? "* Pinned: server JVM on core " + Pinning.SERVER_CORE + " (`taskset -c " + Pinning.SERVER_CORE
            + "`, `-XX:ActiveProcessorCount=1`: sized as on a 1-CPU pod), load generator on core " + Pinning.RUNNER_CORE
            + " (runner JVM allowed CPUs: " + Pinning.allowedCpusOfThisProcess() + ").\n"
        : "* Not pinned: server and load generator share all CPUs.\n");
    md.append(String.format(Locale.ROOT,
        "* Load: sample server on MCP SDK 2.1.0, %s, `tools/call echo`; %d closed-loop threads, %s.%n",
        stdio ? "stdio (one shared session)" : "Streamable HTTP on loopback (a session per thread)", plan.threads(),
        plan.sdkClient() ? "the MCP SDK's own client" : "raw HTTP/1.1 keep-alive over plain sockets (no SDK client)"));
    md.append(String.format(Locale.ROOT,
        "* Per run: a fresh server JVM (-Xmx256m), %d s warm-up under load (extended by up to %d s while C2 compiler "
            + "threads use > %.0f %% of the server's CPU), then %d s measured; %d round(s), setups alternating.%n",
        plan.warmupSeconds(), plan.maxExtraWarmupSeconds(), 100 * LoadRunner.C2_QUIET_SHARE, plan.measureSeconds(),
        plan.rounds()));
    md.append("* Load average before / after: " + loadBefore + " / " + loadAfter
        + ". Other processes' CPU during each window is in the checks table: this machine may be shared.\n\n");
  }

  private static void summary(StringBuilder md, List<Measurement> results, List<Setup> setups) {
    md.append("| setup | req/s | throughput ratio | p99 ms | p99 ratio | server CPU µs/req | CPU/req ratio "
        + "| events audited / calls sent | errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Setup setup : setups) {
      List<Measurement> runs = available(results, setup);
      if (runs.isEmpty()) {
        md.append("| ").append(setup.label).append(" | not available: ").append(reason(results, setup))
            .append(" | | | | | | | |\n");
        continue;
      }
      long sent = runs.stream().mapToLong(Measurement::callsSent).sum();
      long audited = runs.stream().mapToLong(Measurement::eventsAudited).sum();
      String trail = runs.get(0).eventsAudited() < 0 ? "—"
          : String.format(Locale.ROOT, "%,d / %,d (%.2f %%)", audited, sent, 100.0 * audited / sent);
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.2f | %s | %.1f | %s | %s | %d |%n", setup.label,
          median(runs, Measurement::throughput), ratio(results, setup, Measurement::throughput),
          median(runs, Measurement::p99Millis), ratio(results, setup, Measurement::p99Millis),
          median(runs, Measurement::serverCpuMicrosPerRequest),
          ratio(results, setup, Measurement::serverCpuMicrosPerRequest), trail,
          runs.stream().mapToLong(Measurement::errors).sum()));
    }
    md.append("\nAbsolute values are medians over rounds; ratios are median [min–max] of the per-round ratio to "
        + "*no agent* of the same round. Calls sent count the server's whole life (warm-up too), as does the trail.\n\n");
  }

  private static void threadBreakdown(StringBuilder md, List<Measurement> results, List<Setup> setups,
      LoadRunner.Plan plan) {
    md.append("Server CPU per request by thread (µs per request, and share of the server's CPU; medians over "
        + "rounds; from /proc/&lt;pid&gt;/task/*/stat over the window):\n\n| setup |");
    for (ThreadCpu.Group g : ThreadCpu.Group.values()) {
      md.append(' ').append(g.label).append(" |");
    }
    md.append("\n|---|");
    md.append("---:|".repeat(ThreadCpu.Group.values().length)).append('\n');
    for (Setup setup : setups) {
      List<Measurement> runs = available(results, setup);
      if (runs.isEmpty() || runs.get(0).cpuTicksByGroup().isEmpty()) {
        continue;
      }
      md.append("| ").append(setup.label).append(" |");
      for (ThreadCpu.Group g : ThreadCpu.Group.values()) {
        md.append(String.format(Locale.ROOT, " %.1f (%.1f %%) |", median(runs, m -> m.groupMicrosPerRequest(g)),
            100 * median(runs, m -> m.groupShare(g))));
      }
      md.append('\n');
    }
    md.append(String.format(Locale.ROOT, "%nTicks are 10 ms: a group under %.1f %% of a %d s window is at the "
        + "resolution limit.%n%n", 100.0 * 5 / (ThreadCpu.TICKS_PER_SECOND * plan.measureSeconds()), plan.measureSeconds()));
  }

  private static void checks(StringBuilder md, List<Measurement> results, LoadRunner.Plan plan) {
    List<String> flags = new ArrayList<>();
    for (Measurement m : results) {
      if (!m.available()) {
        continue;
      }
      String run = "round " + m.round() + " " + m.setup().label;
      if (plan.pinned() && m.serverCores() < 0.9) {
        flags.add(String.format(Locale.ROOT, "%s: server core only %.0f %% busy (not saturated)", run,
            100 * m.serverCores()));
      }
      if (plan.pinned() && m.loadGeneratorCores() > 0.85) {
        flags.add(String.format(Locale.ROOT, "%s: load generator at %.0f %% of its core (may be the bottleneck)", run,
            100 * m.loadGeneratorCores()));
      }
      if (m.c2ShareOfWindow() > LoadRunner.C2_QUIET_SHARE) {
        flags.add(String.format(Locale.ROOT, "%s: C2 used %.1f %% of the server's CPU in the window (JIT not settled)",
            run, 100 * m.c2ShareOfWindow()));
      }
    }
    // concurrent work on a shared machine hits every run alike when it is there at all: one line, not one per run
    List<Measurement> noisy = results.stream().filter(m -> m.available() && m.otherProcessesCores() > 0.1).toList();
    if (!noisy.isEmpty()) {
      flags.add(String.format(Locale.ROOT, "other processes used %.0f–%.0f %% of a core during %d of %d windows "
              + "(concurrent work: compare ratios with the A/A row)",
          100 * noisy.stream().mapToDouble(Measurement::otherProcessesCores).min().orElse(0),
          100 * noisy.stream().mapToDouble(Measurement::otherProcessesCores).max().orElse(0), noisy.size(),
          results.stream().filter(Measurement::available).count()));
    }
    md.append("Harness checks: ");
    if (flags.isEmpty()) {
      md.append("server core saturated, load generator below 85 % of its core, C2 quiet, no other load, in every run.\n\n");
    } else {
      md.append("\n\n");
      flags.forEach(f -> md.append("* ").append(f).append('\n'));
      md.append('\n');
    }
  }

  private static void others(StringBuilder md, List<Measurement> results, List<Setup> setups) {
    md.append("| setup | p50 ms | p99.9 ms | allocated KiB/req | start-up to first response ms | heap after GC MiB "
        + "| OTLP sink requests / MiB |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (Setup setup : setups) {
      List<Measurement> runs = available(results, setup);
      if (runs.isEmpty()) {
        continue;
      }
      long sinkRequests = runs.stream().mapToLong(Measurement::sinkRequests).sum();
      double sinkMiB = runs.stream().mapToLong(Measurement::sinkBytes).sum() / 1048576.0;
      md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.1f | %.0f | %.1f | %s |%n", setup.label,
          median(runs, Measurement::p50Millis), median(runs, Measurement::p999Millis),
          median(runs, Measurement::allocatedKiBPerRequest), median(runs, Measurement::startupMillis),
          median(runs, Measurement::heapAfterGcMiB),
          sinkRequests == 0 ? "—" : String.format(Locale.ROOT, "%,d / %.1f", sinkRequests, sinkMiB)));
    }
    md.append('\n');
  }

  private static void perRun(StringBuilder md, List<Measurement> results) {
    md.append("Per run:\n\n| round | setup | req/s | p99 ms | CPU µs/req | server cores | load generator cores "
        + "| other processes cores | C2 share | warm-up s | KiB/req | start-up ms | heap MiB | audited / sent |\n"
        + "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Measurement m : results) {
      if (!m.available()) {
        md.append(String.format(Locale.ROOT, "| %d | %s | not available |||||||||||%n", m.round(), m.setup().label));
        continue;
      }
      md.append(String.format(Locale.ROOT,
          "| %d | %s | %.0f | %.2f | %.1f | %.2f | %.2f | %.2f | %.1f %% | %.0f | %.1f | %.0f | %.1f | %s |%n",
          m.round(), m.setup().label, m.throughput(), m.p99Millis(), m.serverCpuMicrosPerRequest(), m.serverCores(),
          m.loadGeneratorCores(), m.otherProcessesCores(), 100 * m.c2ShareOfWindow(), m.warmupSeconds(),
          m.allocatedKiBPerRequest(), m.startupMillis(), m.heapAfterGcMiB(),
          (m.eventsAudited() < 0 ? "—" : m.eventsAudited() + " / " + m.callsSent())
              + (m.callErrorsTotal() > 0 ? " (" + m.callErrorsTotal() + " calls failed)" : "")));
    }
  }

  /** Median [min–max] over rounds of this setup's metric divided by no agent's in the same round. */
  private static String ratio(List<Measurement> results, Setup setup, ToDoubleFunction<Measurement> metric) {
    if (setup == Setup.NO_AGENT) {
      return "1 (reference)";
    }
    List<Double> ratios = new ArrayList<>();
    for (Measurement m : available(results, setup)) {
      Optional<Measurement> base = available(results, Setup.NO_AGENT).stream()
          .filter(b -> b.round() == m.round()).findFirst();
      base.ifPresent(b -> ratios.add(metric.applyAsDouble(m) / metric.applyAsDouble(b)));
    }
    if (ratios.isEmpty()) {
      return "—";
    }
    ratios.sort(null);
    return ratios.size() == 1 ? String.format(Locale.ROOT, "%.3f", ratios.get(0))
        : String.format(Locale.ROOT, "%.3f [%.3f–%.3f]", medianOf(ratios), ratios.get(0), ratios.get(ratios.size() - 1));
  }

  private static List<Measurement> available(List<Measurement> results, Setup setup) {
    return results.stream().filter(m -> m.setup() == setup && m.available()).toList();
  }

  private static String reason(List<Measurement> results, Setup setup) {
    return results.stream().filter(m -> m.setup() == setup && !m.available()).map(Measurement::unavailable)
        .findFirst().orElse("not run");
  }

  private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> metric) {
    List<Double> values = new ArrayList<>(runs.stream().map(metric::applyAsDouble).toList());
    values.sort(null);
    return medianOf(values);
  }

  private static double medianOf(List<Double> sorted) {
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
  }

  /** CPUs of the machine, not the ones this (possibly pinned) JVM may use. */
  private static long onlineCpus() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
    } catch (IOException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }
}

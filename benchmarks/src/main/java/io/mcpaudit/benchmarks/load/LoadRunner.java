package io.mcpaudit.benchmarks.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end load benchmark: the same MCP server (SDK 2.1.0, Streamable HTTP or stdio) run with no agent, with
 * mcp-audit, with the OpenTelemetry Java agent, and with a hand-written audit interceptor, in
 * alternating rounds within one invocation, under a closed-loop {@code tools/call} load from several
 * client threads. Writes a Markdown report with throughput, latency percentiles, server CPU per request,
 * start-up time and heap after GC, each also as a ratio to "no agent" from the same run.
 *
 * <p>Usage: {@code LoadRunner --root <project> --otel <opentelemetry-javaagent.jar> --out <report.md> [--quick]
 * [--transport streamable|stdio] [--setups MCP_AUDIT,OTEL_AGENT,...]}
 */
public final class LoadRunner {
  private LoadRunner() {}

  record Plan(String transport, int rounds, int threads, int warmupSeconds, int measureSeconds) {}


  public static void main(String[] args) throws Exception {
    Path root = Path.of(option(args, "--root", "."));
    Path otel = Path.of(option(args, "--otel", "benchmarks/target/agents/opentelemetry-javaagent.jar"));
    Path out = Path.of(option(args, "--out", "benchmarks/target/load-report.md"));
    boolean quick = List.of(args).contains("--quick");
    String transport = option(args, "--transport", "streamable");
    Plan plan = quick ? new Plan(transport, 2, 4, 8, 12) : new Plan(transport, 4, 4, 20, 40);
    Setup.Paths paths = new Setup.Paths(root.toAbsolutePath(), otel.toAbsolutePath());

    List<Setup> setups = setups(option(args, "--setups", null));
    // the load generator's own JIT warm-up would otherwise penalise whichever setup runs first
    System.out.println("warming up the load generator (not recorded) ...");
    run(Setup.NO_AGENT, 0, new Plan(transport, 1, plan.threads(), plan.warmupSeconds(), plan.warmupSeconds()), paths,
        root.resolve("benchmarks/target/load/warmup"));
    List<Measurement> results = new ArrayList<>();
    for (int round = 1; round <= plan.rounds(); round++) {
      for (Setup setup : setups) {
        System.out.printf("round %d/%d: %s ...%n", round, plan.rounds(), setup.label);
        Measurement m = run(setup, round, plan, paths, root.resolve("benchmarks/target/load/" + transport + "-" + setup + "-" + round));
        System.out.printf("  %.0f req/s, p99 %.2f ms, %.0f µs CPU/req, %.1f KiB/req, start-up %.0f ms, heap %.1f MiB, errors %d%n",
            m.throughput(), m.p99Millis(), m.serverCpuMicrosPerRequest(), m.allocatedKiBPerRequest(), m.startupMillis(),
            m.heapAfterGcMiB(), m.errors());
        results.add(m);
      }
    }
    String report = Report.markdown(results, setups, plan, quick);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  static Measurement run(Setup setup, int round, Plan plan, Setup.Paths paths, Path workDir) throws Exception {
    List<String> command = ServerCommand.of(setup, paths, workDir, plan.transport());
    try (Target server = Target.start(plan.transport(), command, workDir)) {
      LoadClient first = server.client();
      first.call();
      double startupMillis = (System.nanoTime() - server.startedNanos) / 1e6;
      if (first != server.client()) {
        first.close();
      }
      try (AllocationProbe allocation = AllocationProbe.attach(server.process().pid())) {
        long warmupEnd = System.nanoTime() + plan.warmupSeconds() * 1_000_000_000L;
        long end = warmupEnd + plan.measureSeconds() * 1_000_000_000L;
        List<Latencies> latencies = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plan.threads(); t++) {
          Latencies mine = new Latencies();
          latencies.add(mine);
          Thread thread = new Thread(() -> drive(server, warmupEnd, end, mine, errors), "load-" + t);
          thread.start();
          threads.add(thread);
        }
        sleepUntil(warmupEnd);
        long cpuStart = server.cpuNanos();
        long allocatedStart = allocation.allocatedBytes();
        long measuredFrom = System.nanoTime();
        sleepUntil(end);
        long cpuEnd = server.cpuNanos();
        long allocatedEnd = allocation.allocatedBytes();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        for (Thread thread : threads) {
          thread.join();
        }
        long[] sorted = Latencies.sortedUnion(latencies);
        double heap = server.heapAfterGcMiB();
        double perRequest = sorted.length == 0 ? Double.NaN : 1.0 / sorted.length;
        return new Measurement(setup, round, sorted.length, errors.get(), seconds,
            Latencies.percentileMillis(sorted, 0.50), Latencies.percentileMillis(sorted, 0.99),
            Latencies.percentileMillis(sorted, 0.999), (cpuEnd - cpuStart) / 1e3 * perRequest,
            (allocatedEnd - allocatedStart) / 1024.0 * perRequest, startupMillis, heap);
      }
    }
  }

  private static void drive(Target server, long warmupEnd, long end, Latencies latencies, AtomicLong errors) {
    LoadClient client = server.client();
    try {
      while (true) {
        long start = System.nanoTime();
        if (start >= end) {
          return;
        }
        boolean ok;
        try {
          ok = client.call();
        } catch (RuntimeException e) {
          ok = false;
        }
        long done = System.nanoTime();
        if (start >= warmupEnd && done <= end) {
          if (ok) {
            latencies.add(done - start);
          } else {
            errors.incrementAndGet();
          }
        }
      }
    } finally {
      if (client != server.client()) {
        client.close();
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  /** {@code --setups NO_AGENT,MCP_AUDIT}: a subset (no agent always included, first); default all. */
  private static List<Setup> setups(String names) {
    List<Setup> setups = new ArrayList<>(List.of(Setup.NO_AGENT));
    for (Setup setup : Setup.values()) {
      if (setup != Setup.NO_AGENT && (names == null || List.of(names.split(",")).contains(setup.name()))) {
        setups.add(setup);
      }
    }
    return setups;
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}

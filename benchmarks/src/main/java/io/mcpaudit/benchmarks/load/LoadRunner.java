package io.mcpaudit.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end load benchmark: the same MCP server (SDK 2.1.0, Streamable HTTP or stdio) run with no agent (twice per
 * round: the A/A control), with mcp-audit in several configurations, with the OpenTelemetry Java agent, and on
 * request with a hand-written audit interceptor, in alternating rounds within one invocation, under a closed-loop
 * {@code tools/call} load. Writes a Markdown report with throughput, latency percentiles and server CPU per request
 * as paired ratios to "no agent" of the same round, the server's CPU per thread group, and checks that the load
 * generator was not the bottleneck and that the JIT had settled.
 *
 * <p>Usage: {@code LoadRunner --root <project> --otel <opentelemetry-javaagent.jar> --out <report.md> [--quick]
 * [--pin] [--warmup S] [--window S] [--rounds N] [--threads N] [--warmup-extend S] [--client raw|sdk]
 * [--transport streamable|stdio] [--setups NO_AGENT,MCP_AUDIT,...]}; see {@code benchmarks/run-load.sh}.
 */
public final class LoadRunner {
  private LoadRunner() {}

  /**
   * @param maxExtraWarmupSeconds how long warm-up may be extended while C2 still compiles
   * @param sdkClient drive Streamable HTTP with the SDK's client instead of the raw one (the old harness)
   */
  record Plan(String transport, int rounds, int threads, int warmupSeconds, int measureSeconds,
              int maxExtraWarmupSeconds, boolean pinned, boolean sdkClient) {}

  /** C2's share of the server's CPU above which the JIT is taken as not settled yet. */
  static final double C2_QUIET_SHARE = 0.02;
  private static final int C2_PROBE_SECONDS = 5;

  public static void main(String[] args) throws Exception {
    Path root = Path.of(option(args, "--root", ".")).toAbsolutePath().normalize(); // the server's cwd is its work dir
    Path otel = Path.of(option(args, "--otel", "benchmarks/target/agents/opentelemetry-javaagent.jar"));
    Path out = Path.of(option(args, "--out", "benchmarks/target/load-report.md"));
    boolean quick = List.of(args).contains("--quick");
    boolean pinned = List.of(args).contains("--pin");
    String transport = option(args, "--transport", "streamable");
    Plan plan = new Plan(transport,
        intOption(args, "--rounds", quick ? 1 : 3),
        intOption(args, "--threads", 4),
        intOption(args, "--warmup", quick ? 20 : 60),
        intOption(args, "--window", quick ? 10 : 20),
        intOption(args, "--warmup-extend", quick ? 10 : 30),
        pinned,
        option(args, "--client", "raw").equals("sdk") || transport.equals("stdio"));
    if (pinned) {
      Pinning.check();
    }
    List<Setup> setups = setups(option(args, "--setups", null));
    List<Measurement> results = new ArrayList<>();
    Map<Setup, String> unavailable = new HashMap<>();
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    try (OtlpSink sink = OtlpSink.start()) {
      Setup.Paths paths = new Setup.Paths(root.toAbsolutePath(), otel.toAbsolutePath(), sink.endpoint());
      for (int round = 1; round <= plan.rounds(); round++) {
        for (Setup setup : setups) {
          if (unavailable.containsKey(setup)) { // known from an earlier round: do not spend the time again
            results.add(Measurement.unavailable(setup, round, unavailable.get(setup)));
            continue;
          }
          System.out.printf("round %d/%d: %s ...%n", round, plan.rounds(), setup.label);
          Path workDir = root.toAbsolutePath().resolve("benchmarks/target/load/" + transport + "-" + setup + "-" + round);
          Measurement m = run(setup, round, plan, paths, workDir, sink);
          results.add(m);
          if (!m.available()) {
            unavailable.put(setup, m.unavailable());
            System.out.println("  not available: " + m.unavailable());
            continue;
          }
          System.out.printf("  %.0f req/s, p99 %.2f ms, %.0f µs CPU/req, server %.0f %% of a core, load generator "
                  + "%.0f %%, others %.0f %%, C2 %.1f %%, warm-up %.0f s, errors %d (%d over its life), audited %d of %d%n",
              m.throughput(), m.p99Millis(), m.serverCpuMicrosPerRequest(), 100 * m.serverCores(),
              100 * m.loadGeneratorCores(), 100 * m.otherProcessesCores(), 100 * m.c2ShareOfWindow(),
              m.warmupSeconds(), m.errors(), m.callErrorsTotal(), m.eventsAudited(), m.callsSent());
        }
      }
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    String report = Report.markdown(results, setups, plan, quick, loadBefore, loadAfter);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  static Measurement run(Setup setup, int round, Plan plan, Setup.Paths paths, Path workDir, OtlpSink sink)
      throws Exception {
    AuditTrail.delete(workDir); // a previous invocation's trail would be counted again
    List<String> command = ServerCommand.of(setup, paths, workDir, plan.transport(), plan.pinned());
    long sinkRequests = sink.requests();
    long sinkBytes = sink.bytes();
    Measurement m;
    try (Target server = Target.start(plan.transport(), command, workDir, plan.sdkClient())) {
      String missing = agentFailure(setup, workDir);
      if (missing != null) {
        return Measurement.unavailable(setup, round, missing);
      }
      Caller first = server.client();
      if (!first.call()) {
        throw new IllegalStateException(setup + ": the first tools/call failed; see " + workDir);
      }
      double startupMillis = (System.nanoTime() - server.startedNanos) / 1e6;
      if (!server.sharedClient()) {
        first.close();
      }
      long pid = server.process().pid();
      try (AllocationProbe allocation = AllocationProbe.attach(pid)) {
        ClosedLoop load = ClosedLoop.start(server, plan.threads());
        double warmup = warmUp(pid, plan);

        ThreadCpu.Snapshot threadsBefore = ThreadCpu.snapshot(pid);
        long machineBefore = ThreadCpu.machineBusyTicks();
        long cpuStart = server.cpuNanos();
        long runnerStart = runnerCpuNanos();
        long allocatedStart = allocation.allocatedBytes();
        long measuredFrom = System.nanoTime();
        load.beginWindow();
        sleepUntil(measuredFrom + plan.measureSeconds() * 1_000_000_000L);
        ThreadCpu.Snapshot threadsAfter = ThreadCpu.snapshot(pid);
        long machineAfter = ThreadCpu.machineBusyTicks();
        long cpuEnd = server.cpuNanos();
        long runnerEnd = runnerCpuNanos();
        long allocatedEnd = allocation.allocatedBytes();
        double seconds = (System.nanoTime() - measuredFrom) / 1e9;
        load.stop();

        long[] sorted = load.sortedWindowLatencies();
        double perRequest = sorted.length == 0 ? Double.NaN : 1.0 / sorted.length;
        Map<ThreadCpu.Group, Long> groups = threadsAfter.processTicks() < 0
            ? new EnumMap<>(ThreadCpu.Group.class) : ThreadCpu.byGroup(threadsBefore, threadsAfter);
        long serverTicks = threadsAfter.processTicks() - threadsBefore.processTicks();
        double c2Share = ThreadCpu.ticksOf(threadsBefore, threadsAfter, "C2 CompilerThre") / (double) serverTicks;
        double serverCores = (cpuEnd - cpuStart) / 1e9 / seconds;
        double runnerCores = (runnerEnd - runnerStart) / 1e9 / seconds;
        double otherCores = (machineAfter - machineBefore) / (double) ThreadCpu.TICKS_PER_SECOND / seconds
            - serverCores - runnerCores;
        double heap = server.heapAfterGcMiB();
        m = new Measurement(setup, round, null, sorted.length, load.windowErrors(), seconds,
            Latencies.percentileMillis(sorted, 0.50), Latencies.percentileMillis(sorted, 0.99),
            Latencies.percentileMillis(sorted, 0.999), (cpuEnd - cpuStart) / 1e3 * perRequest,
            (allocatedEnd - allocatedStart) / 1024.0 * perRequest, startupMillis, heap,
            serverCores, runnerCores, Math.max(0, otherCores), warmup, c2Share, groups,
            load.sent() + 1, load.failed(), -1, 0, 0);
      }
    } // closing the server stops it gracefully: the agent flushes its trail before the count below
    long audited = setup.isMcpAudit() ? AuditTrail.countToolCalls(workDir.resolve(Setup.AUDIT_FILE)) : -1;
    AuditTrail.delete(workDir.resolve(Setup.AUDIT_FILE));
    AuditTrail.delete(workDir.resolve("mcp-audit-spool"));
    return m.withAudit(audited, sink.requests() - sinkRequests, sink.bytes() - sinkBytes);
  }

  /**
   * Runs the planned warm-up under load, then keeps warming up in 5 s probes while the C2 compiler threads still
   * use more than {@link #C2_QUIET_SHARE} of the server's CPU (a window during which C2 compiles measures the
   * compiler, and code that is about to get faster), up to the plan's limit. The last probe is the end of the
   * planned warm-up itself. Returns the warm-up's length in seconds.
   */
  private static double warmUp(long pid, Plan plan) throws InterruptedException {
    long started = System.nanoTime();
    int probe = Math.min(C2_PROBE_SECONDS, Math.max(1, plan.warmupSeconds() / 2));
    sleepUntil(started + (plan.warmupSeconds() - probe) * 1_000_000_000L);
    int extended = -probe;
    while (true) {
      ThreadCpu.Snapshot before = ThreadCpu.snapshot(pid);
      Thread.sleep(probe * 1000L);
      ThreadCpu.Snapshot after = ThreadCpu.snapshot(pid);
      extended += probe;
      long total = after.processTicks() - before.processTicks();
      double c2 = total <= 0 ? 0 : ThreadCpu.ticksOf(before, after, "C2 CompilerThre") / (double) total;
      if (c2 <= C2_QUIET_SHARE || extended >= plan.maxExtraWarmupSeconds()) {
        if (c2 > C2_QUIET_SHARE) {
          System.out.printf("  C2 still at %.1f %% of the server's CPU after %d s of extra warm-up%n", 100 * c2,
              extended);
        }
        return (System.nanoTime() - started) / 1e9;
      }
    }
  }

  /**
   * Null when the setup's agent started; else why not. An mcp-audit setup whose agent failed (say the
   * {@code otlp} exporter is not in this build) would measure a server without auditing, so it is "not
   * available" instead.
   */
  private static String agentFailure(Setup setup, Path workDir) throws Exception {
    if (!setup.isMcpAudit()) {
      return null;
    }
    for (String file : List.of("server.err", "server.out")) {
      Path log = workDir.resolve(file);
      if (Files.exists(log)) {
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
          if (line.contains("agent failed to start") || line.contains("unknown exporter")) {
            return line.replaceFirst("^\\[mcp-audit\\] ", "").replace('|', '/');
          }
        }
      }
    }
    return null;
  }

  private static long runnerCpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000));
    }
  }

  /** {@code --setups NO_AGENT,MCP_AUDIT}: a subset (no agent always included, first); default {@link Setup#DEFAULTS}. */
  private static List<Setup> setups(String names) {
    List<Setup> setups = new ArrayList<>(List.of(Setup.NO_AGENT));
    for (Setup setup : Setup.values()) {
      boolean wanted = names == null ? Setup.DEFAULTS.contains(setup) : List.of(names.split(",")).contains(setup.name());
      if (setup != Setup.NO_AGENT && wanted) {
        setups.add(setup);
      }
    }
    return setups;
  }

  private static int intOption(String[] args, String name, int fallback) {
    String value = option(args, name, null);
    return value == null ? fallback : Integer.parseInt(value);
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

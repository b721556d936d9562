package io.mcpaudit.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of each thread of a process, read from Linux's {@code /proc/<pid>/task/<tid>/stat} (utime + stime in
 * clock ticks; {@code comm} is the thread name cut to 15 characters). Works for any JVM, with or without an agent,
 * and costs the measured process nothing. Two snapshots give who used the CPU in between, grouped by {@link Group}.
 */
final class ThreadCpu {
  /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every mainstream Linux build. */
  static final long TICKS_PER_SECOND = 100;

  /** What a thread does, told from its name. */
  enum Group {
    AUDIT_EXPORTER("mcp-audit exporter"),
    AUDIT_SHIPPER("mcp-audit shippers"),
    REQUEST("request threads (Tomcat, Reactor)"),
    JIT("JIT compilers"),
    GC_VM("GC + VM thread"),
    OTHER("other"),
    ENDED("threads that ended in the window");

    final String label;

    Group(String label) {
      this.label = label;
    }

    static Group of(String comm) {
      if (comm.startsWith("mcp-audit-ship")) { // Shipper: "mcp-audit-ship-<exporter>", one per remote exporter
        return AUDIT_SHIPPER;
      }
      if (comm.startsWith("mcp-audit")) { // "mcp-audit-exporter" (the pipeline's consumer), "mcp-audit-jmx"
        return AUDIT_EXPORTER;
      }
      if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre") || comm.startsWith("Sweeper")) {
        return JIT;
      }
      if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")
          || comm.startsWith("VM Periodic") || comm.startsWith("ZGC") || comm.startsWith("Shenandoah")) {
        return GC_VM; // with one CPU the JVM picks Serial GC, whose collections run on the VM thread
      }
      if (comm.startsWith("http-nio") || comm.startsWith("qtp") || comm.startsWith("reactor-")
          || comm.startsWith("boundedElastic") || comm.startsWith("parallel-") || comm.startsWith("single-")
          || comm.startsWith("exec-") || comm.startsWith("Tomcat") || comm.startsWith("Catalina")
          || comm.startsWith("pool-")) {
        return REQUEST;
      }
      return OTHER;
    }
  }

  /** Ticks per thread id and name at one moment, plus the whole process's (which keeps the ended threads'). */
  record Snapshot(Map<Long, Long> ticksByTid, Map<Long, String> nameByTid, long processTicks) {}

  private ThreadCpu() {}

  static boolean supported(long pid) {
    return Files.isDirectory(Path.of("/proc", Long.toString(pid), "task"));
  }

  static Snapshot snapshot(long pid) {
    Map<Long, Long> ticks = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        Stat stat = read(task.resolve("stat"));
        if (stat != null) {
          long tid = Long.parseLong(task.getFileName().toString());
          ticks.put(tid, stat.ticks);
          names.put(tid, stat.comm);
        }
      }
    } catch (IOException e) {
      return new Snapshot(Map.of(), Map.of(), -1); // the process is gone
    }
    Stat process = read(Path.of("/proc", Long.toString(pid), "stat"));
    return new Snapshot(ticks, names, process == null ? -1 : process.ticks);
  }

  /**
   * Busy ticks of the whole machine so far (all CPUs; user, nice, system, irq, softirq, steal), from /proc/stat:
   * minus the server's and the runner's, what other processes used, i.e. how noisy the window was.
   */
  static long machineBusyTicks() {
    try {
      String first = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait ..."
      String[] f = first.trim().split("\\s+");
      return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]) + (f.length > 8 ? Long.parseLong(f[8]) : 0);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Ticks used between two snapshots, per group; threads started in between count from zero. */
  static Map<Group, Long> byGroup(Snapshot before, Snapshot after) {
    Map<Group, Long> groups = new EnumMap<>(Group.class);
    for (Group g : Group.values()) {
      groups.put(g, 0L);
    }
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.ticksByTid().entrySet()) {
      long used = e.getValue() - before.ticksByTid().getOrDefault(e.getKey(), 0L);
      groups.merge(Group.of(after.nameByTid().get(e.getKey())), used, Long::sum);
      sum += used;
    }
    groups.put(Group.ENDED, Math.max(0, after.processTicks() - before.processTicks() - sum));
    return groups;
  }

  /** Ticks used between two snapshots by the threads whose name starts with {@code prefix}. */
  static long ticksOf(Snapshot before, Snapshot after, String prefix) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.ticksByTid().entrySet()) {
      if (after.nameByTid().get(e.getKey()).startsWith(prefix)) {
        sum += e.getValue() - before.ticksByTid().getOrDefault(e.getKey(), 0L);
      }
    }
    return sum;
  }

  private record Stat(String comm, long ticks) {}

  /** "tid (comm) state ppid ... utime stime ...": comm may hold spaces and parentheses, so split at the last ')'. */
  private static Stat read(Path stat) {
    String line;
    try {
      line = Files.readString(stat, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return null; // the thread ended between listing and reading
    }
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    String[] rest = line.substring(close + 2).trim().split(" ");
    // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) rest[12]
    return new Stat(line.substring(open + 1, close), Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
  }
}

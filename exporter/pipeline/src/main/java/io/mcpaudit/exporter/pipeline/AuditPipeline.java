package io.mcpaudit.exporter.pipeline;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.mcpaudit.bootstrap.AdviceErrors;
import io.mcpaudit.bootstrap.AgentCaller;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.CallSink;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.integrity.Integrity;
import io.mcpaudit.exporter.integrity.PreviousChain;
import io.mcpaudit.exporter.journal.Eviction;
import io.mcpaudit.exporter.journal.Journal;
import io.mcpaudit.exporter.journal.JournalSettings;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.shipping.GapReport;
import io.mcpaudit.exporter.shipping.Shipper;
import io.mcpaudit.exporter.shipping.ShipperStats;
import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.ExporterProvider;
import io.mcpaudit.exporter.spi.RemoteExporter;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Request threads hand finished calls to {@link #accept}, which publishes a reference into a
 * multi-producer Disruptor ring and by default never waits: when the ring is full the call is dropped and
 * counted, and the exporter reports it as an {@code audit_gap} event. One exporter thread maps, serializes
 * and writes each event to the local exporters (a file, standard output) and, when remote exporters are
 * configured, appends it to the journal; one shipper thread per remote exporter sends from the journal.
 * Nothing on the exporter thread touches the network.
 */
public final class AuditPipeline implements CallSink, AutoCloseable {
  private static final long IDLE_FLUSH_NANOS = 150_000_000L;
  /** Least time the stop event gets once the exporter thread has stopped, even when draining used up the budget. */
  private static final long STOP_EVENT_MILLIS = 1_000;

  private final Disruptor<CallSlot> disruptor;
  private final RingBuffer<CallSlot> ring;
  private final EventProcessor exporter;
  private final BackoffWaitStrategy waitStrategy = new BackoffWaitStrategy(IDLE_FLUSH_NANOS);
  private final DropCounter drops = new DropCounter();
  private final List<AuditSink> sinks;
  private final Journal journal;
  private final List<Shipper> shippers;
  private final ConcurrentLinkedQueue<GapReport> reports = new ConcurrentLinkedQueue<>();
  private final PipelineSettings settings;
  private final Monitoring monitoring;
  private volatile boolean closed;
  /** Accepted, but still in the ring when the consumer stopped (a producer raced close, or the drain timed out). */
  private volatile long abandoned;
  private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder blockedWaits = new java.util.concurrent.atomic.LongAdder();

  private AuditPipeline(PipelineSettings settings, List<AuditSink> sinks, Journal journal, List<RemoteExporter> remotes) {
    this.settings = settings;
    this.sinks = sinks;
    this.journal = journal;
    List<Shipper> started = new ArrayList<>();
    for (RemoteExporter remote : remotes) {
      started.add(new Shipper(remote, journal.reader(remote.name()), journal.quarantineDir(), reports::add));
    }
    this.shippers = List.copyOf(started);
    Ids ids = new Ids();
    Clock clock = new Clock();
    Deployment deployment = new Deployment(settings.serverId, settings.environment, hostName(), settings.serviceInstanceId);
    io.mcpaudit.exporter.privacy.Redactor.useAsStandard(settings.capture.redactor()); // free text: the same rules
    this.exporter = new EventProcessor(new ActivityMapper(ids, clock, settings.identity),
        List.of(new io.mcpaudit.exporter.pipeline.mapping.PayloadStage(settings.capture)),
        new EventJson(deployment), new EventJson(deployment), ids, clock, sinks, drops, new PipelineReporting(),
        settings.statsIntervalMillis);
    this.disruptor = new Disruptor<>(CallSlot::new, settings.queueSize, runnable -> {
      Thread thread = new Thread(runnable, "mcp-audit-exporter");
      thread.setDaemon(true);
      return thread;
    }, ProducerType.MULTI, waitStrategy);
    // the default handler rethrows and would end the consumer thread: count, log once, carry on
    disruptor.setDefaultExceptionHandler(new ConsumerExceptionHandler(exporter));
    disruptor.handleEventsWith(exporter);
    Integrity chain = startChain(settings, sinks);
    exporter.integrity(chain);
    Map<String, String> startConfig = new LinkedHashMap<>(settings.configSummary);
    startConfig.put("integrity.in_force", chain.inForce()); // what is really sealing, after any fallback
    exporter.lifecycle("start", settings.agentVersion, startConfig, null);
    this.ring = disruptor.start();
    for (Shipper shipper : shippers) {
      shipper.start();
    }
    this.monitoring = new Monitoring(this);
  }

  /** A new chain, continuing the one an earlier run left at the end of the trail file (when there is a file sink). */
  private static Integrity startChain(PipelineSettings settings, List<AuditSink> sinks) {
    if (!settings.integrity.enabled()) {
      return Integrity.OFF;
    }
    PreviousChain previous = null;
    for (AuditSink sink : sinks) {
      if (previous == null && sink.trailFile() != null) {
        previous = PreviousChain.read(sink.trailFile());
      }
    }
    Integrity chain = Integrity.start(settings.integrity, previous);
    AgentLog.info("sealing audit events: " + chain.describe()
        + (previous == null ? "" : ", continuing chain " + previous.chainId() + " at seq " + previous.lastSeq()));
    return chain;
  }

  public static AuditPipeline start(PipelineSettings settings) throws IOException {
    List<AuditSink> sinks = new ArrayList<>();
    List<RemoteExporter> remotes = new ArrayList<>();
    Journal journal = null;
    try {
      for (ExporterProvider provider : Exporters.resolve(settings.exporters)) {
        if (provider.remote()) {
          remotes.add(provider.openRemote(settings.exporterContext));
        } else {
          sinks.add(provider.openSink(settings.exporterContext));
        }
      }
      if (!remotes.isEmpty()) {
        journal = openJournal(settings, remotes.stream().map(RemoteExporter::name).toList());
        sinks.add(journal.sink());
      }
      AuditPipeline pipeline = new AuditPipeline(settings, sinks, journal, remotes);
      for (AuditSink sink : sinks) {
        AgentLog.info("writing audit events to " + sink.describe());
      }
      for (RemoteExporter remote : remotes) {
        AgentLog.info("sending audit events with " + remote.describe());
      }
      return pipeline;
    } catch (IOException | RuntimeException | Error e) {
      for (AuditSink sink : sinks) {
        sink.close(); // do not leave a half-started pipeline holding files open
      }
      remotes.forEach(RemoteExporter::close);
      if (journal != null) {
        journal.close();
      }
      throw e;
    }
  }

  /** On disk in the spool directory; in memory when configured so, or when the directory cannot be used. */
  private static Journal openJournal(PipelineSettings settings, List<String> readers) throws IOException {
    var producer = settings.exporterContext.resource();
    if (settings.spoolDir != null) {
      try {
        return Journal.open(new JournalSettings(settings.spoolDir.toAbsolutePath().normalize(), settings.spoolMaxBytes,
            readers, producer));
      } catch (IOException | RuntimeException e) {
        AgentLog.warn("cannot use " + settings.spoolDir.toAbsolutePath() + " as the spool (" + e.getMessage() + ");"
            + " keeping undelivered events in memory instead (at most " + settings.memorySpoolMaxBytes
            + " bytes, lost if the process dies). Set mcp.audit.spool.dir to a writable directory of this process's own,"
            + " or mcp.audit.spool.mode=memory to choose this.");
      }
    }
    return Journal.open(new JournalSettings(null, settings.memorySpoolMaxBytes, readers, producer));
  }

  @Override
  public boolean accept(ServerCall call) {
    if (closed) {
      drops.dropAtShutdown(); // finished after the stop began: counted apart, reported before the stop event
      return false;
    }
    if (ring.tryPublishEvent(CallSlot.TRANSLATOR, call)) {
      accepted.increment();
      return true;
    }
    if (settings.queueFullPolicy == PipelineSettings.QueueFullPolicy.BLOCK && waitForRoom(call)) {
      accepted.increment();
      return true;
    }
    drops.drop();
    return false;
  }

  /** The {@code block} policy: the request waits (bounded) for room in the ring; the wait is counted. */
  private boolean waitForRoom(ServerCall call) {
    blockedWaits.increment();
    long deadline = System.nanoTime() + settings.blockTimeoutNanos;
    while (System.nanoTime() - deadline < 0 && !closed) {
      LockSupport.parkNanos(50_000);
      if (ring.tryPublishEvent(CallSlot.TRANSLATOR, call)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Drains what was accepted, reports the last gaps, writes the stop event and closes the local exporters,
   * then gives each shipper the rest of {@code mcp.audit.shutdown.timeout_ms} to deliver what is waiting
   * (what it cannot stays in the spool and goes out at the next start). Bounded whatever a sink or an
   * endpoint does: a thread stuck in a write or a send is left behind (they are daemon threads).
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long budget = settings.shutdownTimeoutMillis;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
    drain(deadline);
    boolean stopped = false;
    try {
      stopped = exporter.awaitStopped(Math.max(100, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!stopped) {
      AgentLog.warn("the audit exporter thread is blocked writing to " + exporter.describeSinks()
          + " and did not stop within " + budget + " ms; the stop event cannot be written and the"
          + " events still queued are lost (" + Math.max(0, ring.getCursor() - exporter.lastSequence()) + ")");
      stopShippers(deadline);
      monitoring.close();
      return;
    }
    // A producer that saw closed == false just before it was set may still have published; those
    // events returned true but were never exported. They are counted and reported, never silent.
    abandoned = exporter.unprocessed(ring.getCursor());
    Thread finisher = new Thread(() -> {
      exporter.finalReports(abandoned, settings.agentVersion, this::counters);
      for (AuditSink sink : sinks) {
        sink.close();
      }
    }, "mcp-audit-stop");
    finisher.setDaemon(true);
    finisher.start();
    try {
      finisher.join(Math.max(STOP_EVENT_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (finisher.isAlive()) {
      AgentLog.warn("writing the audit stop event to " + exporter.describeSinks() + " did not finish in time; giving up");
    }
    stopShippers(deadline);
    monitoring.close();
  }

  private void stopShippers(long deadline) {
    long atLeast = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_EVENT_MILLIS);
    long shipDeadline = deadline - atLeast > 0 ? deadline : atLeast;
    for (Shipper shipper : shippers) {
      if (!shipper.stop(shipDeadline)) {
        long left = shipper.stats().getLagEvents();
        AgentLog.info(left + " audit events for " + shipper.describe() + " stay in the " + journal.describe()
            + (journal.inMemory() ? " and are lost with this process" : " and go out at the next start"));
      }
    }
    if (journal != null) {
      journal.close();
    }
  }

  /**
   * Waits (bounded) until the consumer has exported everything claimed so far, then halts it.
   * {@code Disruptor.shutdown()} is not used: it only counts consumers already running, so a close
   * right after start (the consumer thread not yet scheduled) would halt it with the ring still full.
   */
  private void drain(long deadline) {
    long target = ring.getCursor();
    while (exporter.lastSequence() < target) {
      if (System.nanoTime() - deadline > 0) {
        AgentLog.warn("audit exporter did not drain within " + settings.shutdownTimeoutMillis + " ms; stopping it");
        break;
      }
      LockSupport.parkNanos(1_000_000L);
    }
    disruptor.halt();
  }

  /** The pipeline's counters, for the stop and stats events, and the MBean. */
  Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events_accepted", accepted.sum());
    counters.put("events_written", exporter.written());
    counters.put("events_dropped", eventsDropped());
    counters.put("dropped_queue_full", drops.queueFull());
    long reported = exporter.reportedShutdownLosses();
    counters.put("dropped_shutdown", reported >= 0 ? reported : drops.atShutdown() + abandoned);
    counters.put("dropped_export_error", exporter.exportErrors());
    counters.put("events_lost_in_sinks", exporter.lostInSinks());
    counters.put("sink_failures", exporter.sinkFailures());
    counters.put("extraction_errors", exporter.extractionErrors());
    counters.put("advice_errors", AdviceErrors.count());
    counters.put("ignored_resubscriptions", AuditBridge.ignoredResubscriptions());
    counters.put("ignored_interrupts", waitStrategy.ignoredInterrupts());
    counters.put("bridge_calls_refused", AgentCaller.refusedCalls());
    if (settings.queueFullPolicy == PipelineSettings.QueueFullPolicy.BLOCK) {
      counters.put("blocked_publishes", blockedWaits.sum());
    }
    if (journal != null) {
      counters.put("spool_bytes", journal.bytes());
    }
    // requests still running now are not in the trail (the shutdown grace is over)
    counters.put("requests_in_flight", AuditBridge.inFlight());
    return counters;
  }

  /** Each remote exporter's counters. */
  Map<String, Map<String, Long>> exporterCounters() {
    Map<String, Map<String, Long>> all = new LinkedHashMap<>();
    for (Shipper shipper : shippers) {
      ShipperStats s = shipper.stats();
      Map<String, Long> c = new LinkedHashMap<>();
      synchronized (s) {
        c.put("events_sent", s.getEventsSent());
        c.put("events_pending", s.getLagEvents());
      }
      c.put("lag_seconds", s.getLagSeconds());
      c.put("requests_sent", s.getRequestsSent());
      c.put("failed_sends", s.getFailedSends());
      c.put("retries", s.getRetries());
      c.put("events_rejected", s.getEventsRejected());
      c.put("events_evicted", s.getEventsEvicted());
      c.put("last_success_millis", s.getLastSuccessMillis());
      all.put(shipper.name(), c);
    }
    return all;
  }

  List<Shipper> shippers() {
    return shippers;
  }

  public long eventsWritten() {
    return exporter.written();
  }

  /**
   * Calls refused by {@link #accept}, accepted calls that were still queued when the exporter stopped,
   * and events that failed mapping or serialization.
   */
  public long eventsDropped() {
    return drops.total() + abandoned + exporter.exportErrors();
  }

  /** Losses found by the shippers (rejected batches) and the journal (evicted before sent), for the exporter thread. */
  private final class PipelineReporting implements Reporting {
    @Override
    public List<GapReport> takeReports() {
      List<GapReport> taken = new ArrayList<>();
      GapReport r;
      while ((r = reports.poll()) != null) {
        taken.add(r);
      }
      if (journal != null) {
        for (Eviction e : journal.takeEvictions()) {
          long now = System.currentTimeMillis();
          taken.add(new GapReport("spool_full", e.exporter(), e.events(), 0, null, now, now));
          for (Shipper shipper : shippers) {
            if (shipper.name().equals(e.exporter())) {
              shipper.stats().evicted(e.events());
            }
          }
          AgentLog.warnOnce("spool-full:" + e.exporter(), "the " + journal.describe() + " is full (mcp.audit.spool.max_bytes="
              + journal.maxBytes() + "): " + e.events() + " events " + e.exporter() + " had not sent were evicted"
              + " (reported as audit_gap spool_full)");
        }
      }
      return taken;
    }

    @Override
    public Map<String, Long> counters() {
      return AuditPipeline.this.counters();
    }

    @Override
    public Map<String, Map<String, Long>> exporterCounters() {
      return AuditPipeline.this.exporterCounters();
    }
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

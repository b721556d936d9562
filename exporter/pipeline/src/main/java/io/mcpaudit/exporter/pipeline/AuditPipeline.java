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
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.spi.AuditSink;
import io.mcpaudit.exporter.spi.ExporterProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Request threads hand finished calls to {@link #accept}, which publishes a reference into a
 * multi-producer Disruptor ring and never waits: when the ring is full the call is dropped and
 * counted, and the exporter reports it as an {@code audit_gap} event. One exporter thread does
 * everything else.
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
  private final PipelineSettings settings;
  private volatile boolean closed;
  /** Accepted, but still in the ring when the consumer stopped (a producer raced close, or the drain timed out). */
  private volatile long abandoned;

  private AuditPipeline(PipelineSettings settings, List<AuditSink> sinks) {
    this.settings = settings;
    this.sinks = sinks;
    Ids ids = new Ids();
    Clock clock = new Clock();
    Deployment deployment = new Deployment(
        settings.serverId, settings.environment, hostName(), UUID.randomUUID().toString());
    this.exporter = new EventProcessor(new ActivityMapper(ids, clock, settings.identity), new EventJson(deployment), new EventJson(deployment),
        ids, clock, sinks, drops);
    this.disruptor = new Disruptor<>(CallSlot::new, settings.queueSize, runnable -> {
      Thread thread = new Thread(runnable, "mcp-audit-exporter");
      thread.setDaemon(true);
      return thread;
    }, ProducerType.MULTI, waitStrategy);
    // the default handler rethrows and would end the consumer thread: count, log once, carry on
    disruptor.setDefaultExceptionHandler(new ConsumerExceptionHandler(exporter));
    disruptor.handleEventsWith(exporter);
    exporter.lifecycle("start", settings.agentVersion, settings.configSummary, null);
    this.ring = disruptor.start();
  }

  public static AuditPipeline start(PipelineSettings settings) throws IOException {
    List<AuditSink> sinks = new ArrayList<>();
    try {
      for (ExporterProvider provider : Exporters.resolve(settings.exporters)) {
        sinks.add(provider.openSink(settings.exporterContext));
      }
      AuditPipeline pipeline = new AuditPipeline(settings, sinks);
      for (AuditSink sink : sinks) {
        AgentLog.info("writing audit events to " + sink.describe());
      }
      return pipeline;
    } catch (IOException | RuntimeException | Error e) {
      for (AuditSink sink : sinks) {
        sink.close(); // do not leave a half-started pipeline holding files open
      }
      throw e;
    }
  }

  @Override
  public boolean accept(ServerCall call) {
    if (closed) {
      drops.dropAtShutdown(); // finished after the stop began: counted apart, reported before the stop event
      return false;
    }
    if (ring.tryPublishEvent(CallSlot.TRANSLATOR, call)) {
      return true;
    }
    drops.drop();
    return false;
  }

  /**
   * Drains what was accepted, reports the last gaps, writes the stop event and closes the sinks, all
   * within {@code mcp.audit.shutdown.timeout_ms} whatever a sink does: an exporter thread stuck in a
   * write (a blocked pipe, a hung network file system) is left behind (it is a daemon thread), the
   * stop event is then not written, and that is said on standard error.
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

  private Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events_written", exporter.written());
    counters.put("events_dropped", eventsDropped());
    counters.put("dropped_queue_full", drops.queueFull());
    counters.put("dropped_shutdown", drops.atShutdown() + abandoned);
    counters.put("dropped_export_error", exporter.exportErrors());
    counters.put("events_lost_in_sinks", exporter.lostInSinks());
    counters.put("sink_failures", exporter.sinkFailures());
    counters.put("extraction_errors", exporter.extractionErrors());
    counters.put("advice_errors", AdviceErrors.count());
    counters.put("ignored_resubscriptions", AuditBridge.ignoredResubscriptions());
    counters.put("ignored_interrupts", waitStrategy.ignoredInterrupts());
    counters.put("bridge_calls_refused", AgentCaller.refusedCalls());
    // requests still running now are not in the trail (the shutdown grace is over)
    counters.put("requests_in_flight", AuditBridge.inFlight());
    return counters;
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

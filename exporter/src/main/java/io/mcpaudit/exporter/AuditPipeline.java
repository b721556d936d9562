package io.mcpaudit.exporter;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.mcpaudit.bootstrap.AdviceErrors;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.CallSink;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.event.ActivityMapper;
import io.mcpaudit.exporter.event.Deployment;
import io.mcpaudit.exporter.json.Clock;
import io.mcpaudit.exporter.json.EventJson;
import io.mcpaudit.exporter.json.Ids;
import io.mcpaudit.exporter.pipeline.BackoffWaitStrategy;
import io.mcpaudit.exporter.pipeline.CallSlot;
import io.mcpaudit.exporter.pipeline.DropCounter;
import io.mcpaudit.exporter.pipeline.Exporter;
import io.mcpaudit.exporter.sink.AuditSink;
import io.mcpaudit.exporter.sink.FileSink;
import io.mcpaudit.exporter.sink.StdoutSink;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Request threads hand finished calls to {@link #accept}, which publishes a reference into a
 * multi-producer Disruptor ring and never waits: when the ring is full the call is dropped and
 * counted, and the exporter reports it as an {@code audit_gap} event. One exporter thread does
 * everything else.
 */
public final class AuditPipeline implements CallSink, AutoCloseable {
  private static final long IDLE_FLUSH_NANOS = 150_000_000L;
  private static final long DRAIN_MILLIS = 10_000;

  private final Disruptor<CallSlot> disruptor;
  private final RingBuffer<CallSlot> ring;
  private final Exporter exporter;
  private final DropCounter drops = new DropCounter();
  private final List<AuditSink> sinks;
  private final ExporterSettings settings;
  private volatile boolean closed;

  private AuditPipeline(ExporterSettings settings, List<AuditSink> sinks) {
    this.settings = settings;
    this.sinks = sinks;
    Ids ids = new Ids();
    Clock clock = new Clock();
    Deployment deployment = new Deployment(
        settings.serverId, settings.environment, hostName(), UUID.randomUUID().toString());
    this.exporter = new Exporter(new ActivityMapper(ids, clock), new EventJson(deployment), ids, clock, sinks, drops);
    this.disruptor = new Disruptor<>(CallSlot::new, settings.queueSize, runnable -> {
      Thread thread = new Thread(runnable, "mcp-audit-exporter");
      thread.setDaemon(true);
      return thread;
    }, ProducerType.MULTI, new BackoffWaitStrategy(IDLE_FLUSH_NANOS));
    disruptor.handleEventsWith(exporter);
    exporter.lifecycle("start", settings.agentVersion, settings.configSummary, null);
    this.ring = disruptor.start();
  }

  public static AuditPipeline start(ExporterSettings settings) throws IOException {
    List<AuditSink> sinks = new ArrayList<>();
    for (String name : settings.exporters) {
      if (name.equals("file")) {
        sinks.add(new FileSink(settings.filePath));
      } else if (name.equals("stdout")) {
        sinks.add(new StdoutSink());
      }
    }
    for (AuditSink sink : sinks) {
      AgentLog.info("writing audit events to " + sink.describe());
    }
    return new AuditPipeline(settings, sinks);
  }

  @Override
  public boolean accept(ServerCall call) {
    if (!closed && ring.tryPublishEvent(CallSlot.TRANSLATOR, call)) {
      return true;
    }
    drops.drop();
    return false;
  }

  /** Drains what was accepted, reports the last gaps, writes the stop event and closes the sinks. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      disruptor.shutdown(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (com.lmax.disruptor.TimeoutException e) {
      AgentLog.warn("audit exporter did not drain within " + DRAIN_MILLIS + " ms; stopping it");
      disruptor.halt();
    }
    try {
      if (!exporter.awaitStopped(DRAIN_MILLIS)) {
        AgentLog.warn("audit exporter thread did not stop; the stop event may interleave");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exporter.endOfBatch();
    exporter.lifecycle("stop", settings.agentVersion, null, counters());
    for (AuditSink sink : sinks) {
      sink.close();
    }
  }

  private Map<String, Long> counters() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("events_written", exporter.written());
    counters.put("events_dropped", drops.total());
    counters.put("sink_failures", exporter.sinkFailures());
    counters.put("extraction_errors", exporter.extractionErrors());
    counters.put("advice_errors", AdviceErrors.count());
    counters.put("ignored_resubscriptions", AuditBridge.ignoredResubscriptions());
    return counters;
  }

  public long eventsWritten() {
    return exporter.written();
  }

  public long eventsDropped() {
    return drops.total();
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

package io.mcpaudit.exporter.pipeline;

import com.lmax.disruptor.EventHandler;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.event.ActivityEvent;
import io.mcpaudit.exporter.event.ActivityMapper;
import io.mcpaudit.exporter.json.Clock;
import io.mcpaudit.exporter.json.EventJson;
import io.mcpaudit.exporter.json.Ids;
import io.mcpaudit.exporter.sink.AuditSink;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The exporter thread's work: map each captured call to an event, serialize it, hand it to every
 * sink, flush at the end of each batch, and turn drops and sink failures into {@code audit_gap}
 * events. Nothing thrown here may stop the thread.
 */
public final class Exporter implements EventHandler<CallSlot> {
  private final ActivityMapper mapper;
  private final EventJson json;
  private final Ids ids;
  private final Clock clock;
  private final List<AuditSink> sinks;
  private final DropCounter drops;
  private final SinkFailures[] failures;
  private final ActivityEvent event = new ActivityEvent();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private volatile long written;
  private volatile long processingErrors;
  private long reportedDrops;
  private long lastDropWarningNanos;

  public Exporter(ActivityMapper mapper, EventJson json, Ids ids, Clock clock, List<AuditSink> sinks, DropCounter drops) {
    this.mapper = mapper;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
    this.sinks = sinks;
    this.drops = drops;
    this.failures = new SinkFailures[sinks.size()];
    for (int i = 0; i < failures.length; i++) {
      failures[i] = new SinkFailures(sinks.get(i).describe());
    }
  }

  @Override
  public void onEvent(CallSlot slot, long sequence, boolean endOfBatch) {
    try {
      mapper.map(slot.call, event);
      json.activity(event);
      emit(1);
      written++;
    } catch (Throwable t) {
      processingErrors++;
      AgentLog.warnOnce("export:" + t.getClass().getName(), "could not export an audit event: " + t);
    } finally {
      slot.call = null;
    }
    if (endOfBatch) {
      endOfBatch();
    }
  }

  @Override
  public void onTimeout(long sequence) {
    endOfBatch();
  }

  @Override
  public void onShutdown() {
    stopped.countDown();
  }

  /** Reports gaps and flushes; also called once more from the closing thread after the consumer stopped. */
  public void endOfBatch() {
    clock.refreshIfStale();
    reportDrops();
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).flush();
      } catch (IOException e) {
        failures[i].failed(e, 0);
      }
    }
    reportSinkGaps();
  }

  /**
   * Writes the serialized line to every sink. A failing sink loses {@code countAsLost} activity
   * events; gap and lifecycle lines are not counted, or a broken sink would report its own reports.
   */
  private void emit(int countAsLost) {
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).write(json.bytes(), 0, json.length());
      } catch (IOException e) {
        failures[i].failed(e, countAsLost);
      }
    }
  }

  private void reportDrops() {
    long total = drops.total();
    long lost = total - reportedDrops;
    if (lost <= 0) {
      return;
    }
    reportedDrops = total;
    long first = drops.takeWindowStart();
    writeGap("queue_full", lost, first, drops.lastMillis());
    long now = System.nanoTime();
    if (now - lastDropWarningNanos > 60_000_000_000L) {
      lastDropWarningNanos = now;
      AgentLog.warn(lost + " audit events dropped: the queue was full (" + total + " in total; raise mcp.audit.queue.size)");
    }
  }

  private void reportSinkGaps() {
    for (SinkFailures f : failures) {
      long lost = f.takeUnreported();
      if (lost > 0) {
        writeGap("sink_write_failed", lost, f.firstMillis, f.lastMillis);
      }
    }
  }

  private void writeGap(String reason, long lost, long firstMillis, long lastMillis) {
    try {
      long now = clock.nowMicros();
      json.gap(ids.uuidV7(now / 1_000), now, reason, lost, firstMillis, lastMillis);
      emit(0);
    } catch (Throwable t) {
      processingErrors++;
    }
  }

  /** Serializes and writes a lifecycle event now (start from the starting thread, stop after the consumer stopped). */
  public void lifecycle(String phase, String agentVersion, Map<String, String> config, Map<String, Long> counters) {
    try {
      long now = clock.nowMicros();
      json.lifecycle(ids.uuidV7(now / 1_000), now, phase, agentVersion, config, counters);
      emit(0);
      endOfBatch();
    } catch (Throwable t) {
      processingErrors++;
      AgentLog.error("could not write the " + phase + " lifecycle event", t);
    }
  }

  public boolean awaitStopped(long millis) throws InterruptedException {
    return stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public long written() {
    return written;
  }

  public long sinkFailures() {
    long n = 0;
    for (SinkFailures f : failures) {
      n += f.failures;
    }
    return n;
  }

  public long extractionErrors() {
    return mapper.extractionErrors() + processingErrors;
  }

  /** Per-sink failure bookkeeping: events lost since the last gap report, and a one-time warning. */
  private static final class SinkFailures {
    final String sink;
    long failures;
    long unreported;
    long firstMillis;
    long lastMillis;

    SinkFailures(String sink) {
      this.sink = sink;
    }

    void failed(IOException e, int eventsLost) {
      failures++;
      unreported += eventsLost;
      long now = System.currentTimeMillis();
      if (firstMillis == 0) {
        firstMillis = now;
      }
      lastMillis = now;
      AgentLog.warnOnce("sink:" + sink, "audit sink " + sink + " failed (" + e + "); lost events are counted and reported as audit_gap");
    }

    long takeUnreported() {
      long n = unreported;
      unreported = 0;
      if (n > 0) {
        firstMillis = 0;
      }
      return n;
    }
  }
}

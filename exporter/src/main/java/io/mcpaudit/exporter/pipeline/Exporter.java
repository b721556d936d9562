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
  /** Serializes the stop event on the closing thread, which may overlap a consumer stuck in a sink. */
  private final EventJson closingJson;
  private final Ids ids;
  private final Ids closingIds = new Ids();
  private final Clock clock;
  private final List<AuditSink> sinks;
  private final DropCounter drops;
  private final SinkFailures[] failures;
  private final ActivityEvent event = new ActivityEvent();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private volatile long written;
  private volatile long processingErrors;
  /** The last ring sequence this handler finished with; read by the closing thread. */
  private volatile long lastSequence = -1;
  private long reportedDrops;
  private long lastDropWarningNanos;

  public Exporter(ActivityMapper mapper, EventJson json, EventJson closingJson, Ids ids, Clock clock,
      List<AuditSink> sinks, DropCounter drops) {
    this.mapper = mapper;
    this.json = json;
    this.closingJson = closingJson;
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
      if (emit(json, 1) > 0) {
        written++;
      }
    } catch (Throwable t) {
      processingErrors++;
      // the type only: a message could quote the hostile input that caused it
      AgentLog.warnOnce("export:" + t.getClass().getName(), "could not export an audit event: " + t.getClass().getName());
    } finally {
      slot.call = null; // the slot must not keep SDK objects (and the application's class loader) alive
      lastSequence = sequence;
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
    flushAll();
    reportSinkGaps();
  }

  /**
   * Writes the serialized line to every sink and returns how many took it. A failing sink loses
   * {@code countAsLost} activity events; gap and lifecycle lines are not counted, or a broken sink
   * would report its own reports.
   */
  private int emit(EventJson line, int countAsLost) {
    int delivered = 0;
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).write(line.bytes(), 0, line.length());
        delivered++;
      } catch (IOException | RuntimeException e) {
        failures[i].failed(e, countAsLost);
      }
    }
    return delivered;
  }

  private void reportDrops() {
    long total = drops.total();
    long lost = total - reportedDrops;
    if (lost <= 0) {
      return;
    }
    reportedDrops = total;
    long first = drops.takeWindowStart();
    long last = drops.lastMillis();
    // a producer may have counted its drop but not yet stamped the window start
    writeGap(json, ids, "queue_full", lost, first > 0 ? first : last, last);
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
        writeGap(json, ids, "sink_write_failed", lost, f.firstMillis, f.lastMillis);
      }
    }
  }

  private void writeGap(EventJson line, Ids idSource, String reason, long lost, long firstMillis, long lastMillis) {
    try {
      long now = clock.nowMicros();
      line.gap(idSource.uuidV7(now / 1_000), now, reason, lost, firstMillis, lastMillis);
      emit(line, 0);
    } catch (Throwable t) {
      processingErrors++;
    }
  }

  /**
   * Serializes and writes a lifecycle event now, from the starting or closing thread: before the
   * consumer starts, or after it stopped. With {@code consumerStopped == false} (a sink hung the
   * consumer) only the separate closing buffer is used and gaps are left unreported, so the two
   * threads never share a serializer.
   */
  public void lifecycle(String phase, String agentVersion, Map<String, String> config, Map<String, Long> counters,
      boolean consumerStopped) {
    try {
      if (consumerStopped) {
        endOfBatch();
      }
      long now = clock.nowMicros();
      closingJson.lifecycle(closingIds.uuidV7(now / 1_000), now, phase, agentVersion, config, counters);
      emit(closingJson, 0);
      if (consumerStopped) {
        endOfBatch();
      } else {
        flushAll();
      }
    } catch (Throwable t) {
      processingErrors++;
      AgentLog.error("could not write the " + phase + " lifecycle event", t);
    }
  }

  private void flushAll() {
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).flush();
      } catch (IOException | RuntimeException e) {
        failures[i].failed(e, 0);
      }
    }
  }

  public long lastSequence() {
    return lastSequence;
  }

  /**
   * Accepted events the consumer never finished: {@code cursor} is the ring's highest claimed
   * sequence. Non-zero only when a producer raced {@code close()} or the drain timed out.
   */
  public long unprocessed(long cursor) {
    return Math.max(0, cursor - lastSequence);
  }

  /** Events accepted but never exported (shutdown race or drain timeout); reported before the stop event. */
  public void reportAbandoned(long count) {
    if (count > 0) {
      long now = System.currentTimeMillis();
      writeGap(closingJson, closingIds, "shutdown", count, now, now);
    }
  }

  /** Something escaped the per-event handling (see {@link ConsumerExceptionHandler}); counted, logged once per type. */
  void failed(Throwable t) {
    processingErrors++;
    AgentLog.warnOnce("consumer:" + t.getClass().getName(),
        "the audit exporter caught " + t.getClass().getName() + " and carries on");
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

    void failed(Exception e, int eventsLost) {
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

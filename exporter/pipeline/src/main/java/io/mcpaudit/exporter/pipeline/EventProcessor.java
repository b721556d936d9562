package io.mcpaudit.exporter.pipeline;

import com.lmax.disruptor.EventHandler;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.integrity.Integrity;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.pipeline.mapping.ActivityMapper;
import io.mcpaudit.exporter.pipeline.stage.EventStage;
import io.mcpaudit.exporter.shipping.GapReport;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.EventJson;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.spi.AuditSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The exporter thread's work: map each captured call to an event, run the processing stages over it
 * ({@link EventStage}), serialize it, hand it to every
 * sink, flush at the end of each batch, and turn every loss into an {@code audit_gap} event: calls
 * dropped because the ring was full, events that could not be mapped or serialized, and lines a sink
 * failed to write. Every line, of every type, is sealed into the integrity chain as it is handed to the sinks
 * (one chain, so every sink holds the same sealed bytes), and checkpoints follow when due. Nothing thrown here may
 * stop the thread.
 */
public final class EventProcessor implements EventHandler<CallSlot> {
  private final ActivityMapper mapper;
  private final List<EventStage> stages;
  private final Reporting reporting;
  private final long statsIntervalNanos;
  private long lastStatsNanos;
  private final EventJson json;
  /** Serializes the stop event on the closing thread, once the consumer has stopped. */
  private final EventJson closingJson;
  private final Ids ids;
  private final Ids closingIds = new Ids();
  private final Clock clock;
  private final List<AuditSink> sinks;
  private final DropCounter drops;
  private final ActivityEvent event = new ActivityEvent();
  private final CountDownLatch stopped = new CountDownLatch(1);
  /** Per sink: losses not yet recorded in that sink's own trail (its gap line has not been written out yet). */
  private final AuditSink.Loss[] unreportedLosses;
  /** Per sink: lines it had written when its last loss was taken; a gap waits until it has written more. */
  private final long[] linesAtLoss;
  private Integrity integrity = Integrity.OFF;
  private boolean writingCheckpoint;

  private volatile long processingErrors;
  /** The shutdown losses the final report counted; -1 before it. */
  private volatile long reportedShutdownLosses = -1;
  /** Calls that failed mapping or serialization outright (also in {@link #processingErrors}). */
  private volatile long exportErrors;
  private long unreportedExportErrors;
  private long firstExportErrorMillis;
  private long sinkFailures;
  /** The last ring sequence this handler finished with; read by the closing thread. */
  private volatile long lastSequence = -1;
  private long reportedQueueFull;
  private long lastDropWarningNanos;

  public EventProcessor(ActivityMapper mapper, EventJson json, EventJson closingJson, Ids ids, Clock clock,
      List<AuditSink> sinks, DropCounter drops) {
    this(mapper, List.of(), json, closingJson, ids, clock, sinks, drops);
  }

  public EventProcessor(ActivityMapper mapper, List<EventStage> stages, EventJson json, EventJson closingJson, Ids ids,
      Clock clock, List<AuditSink> sinks, DropCounter drops) {
    this(mapper, stages, json, closingJson, ids, clock, sinks, drops, Reporting.NONE, 0);
  }

  EventProcessor(ActivityMapper mapper, List<EventStage> stages, EventJson json, EventJson closingJson, Ids ids,
      Clock clock, List<AuditSink> sinks, DropCounter drops, Reporting reporting, long statsIntervalMillis) {
    this.reporting = reporting;
    this.statsIntervalNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(statsIntervalMillis);
    this.lastStatsNanos = System.nanoTime();
    this.mapper = mapper;
    this.stages = List.copyOf(stages);
    this.json = json;
    this.closingJson = closingJson;
    this.ids = ids;
    this.clock = clock;
    this.sinks = sinks;
    this.drops = drops;
    this.unreportedLosses = new AuditSink.Loss[sinks.size()];
    this.linesAtLoss = new long[sinks.size()];
  }

  /** Seals every line from now on; set before the first line (the start event) is written. */
  void integrity(Integrity chain) {
    this.integrity = chain;
    closingJson.previousChain(chain.previousChain());
  }

  @Override
  public void onEvent(CallSlot slot, long sequence, boolean endOfBatch) {
    try {
      mapper.map(slot.call, event);
      for (int i = 0; i < stages.size(); i++) {
        runStage(stages.get(i), slot.call);
      }
      json.activity(event);
      append(json, true);
    } catch (Throwable t) {
      processingErrors++;
      exportErrors++;
      unreportedExportErrors++;
      if (firstExportErrorMillis == 0) {
        firstExportErrorMillis = System.currentTimeMillis();
      }
      // the type only: a message could quote the hostile input that caused it
      AgentLog.warnOnce("export:" + t.getClass().getName(), "could not export an audit event: " + t.getClass().getName()
          + " (reported as an audit_gap with reason export_error)");
    } finally {
      slot.call = null; // the slot must not keep SDK objects (and the application's class loader) alive
      lastSequence = sequence;
    }
    if (endOfBatch) {
      endOfBatch();
    }
  }

  private void runStage(EventStage stage, io.mcpaudit.bootstrap.ServerCall call) {
    try {
      stage.process(call, event);
    } catch (RuntimeException | LinkageError e) {
      processingErrors++;
      AgentLog.warnOnce("stage:" + stage.name() + ":" + e.getClass().getName(),
          "processing stage " + stage.name() + " failed (" + e.getClass().getName() + "); the event is written without it");
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
    reportQueueFull();
    reportExportErrors();
    reportShipping(json, ids);
    maybeStats();
    if (integrity.checkpointDueByTime(System.nanoTime())) {
      checkpoint(json, ids, "interval", false);
    }
    flushAll();
    reportSinkLosses(json, ids, false);
    rotateDue();
  }

  /**
   * Rotates each sink that is due: a checkpoint closes the old file (in every trail: one chain), the file is renamed,
   * and a {@code rotated} lifecycle event naming it opens the new one.
   */
  private void rotateDue() {
    for (AuditSink sink : sinks) {
      if (!sink.rotationDue()) {
        continue;
      }
      if (integrity.uncheckpointed()) {
        checkpoint(json, ids, "rotation", false);
        flushAll();
      }
      String rotated = sink.rotate();
      if (rotated == null) {
        continue;
      }
      try {
        long now = clock.nowMicros();
        json.rotated(ids.uuidV7(now / 1_000), now, rotated);
        append(json, false);
      } catch (Throwable t) {
        processingErrors++;
      }
      flushAll();
    }
  }

  /** Batches an endpoint rejected, events the journal evicted before an exporter sent them. */
  private void reportShipping(EventJson line, Ids idSource) {
    List<GapReport> reports;
    try {
      reports = reporting.takeReports();
    } catch (RuntimeException e) {
      processingErrors++;
      return;
    }
    for (GapReport r : reports) {
      writeGap(line, idSource, r.reason(), null, r.exporter(), r.status(), r.where(), r.events(), r.firstMillis(),
          r.lastMillis());
    }
  }

  private void maybeStats() {
    if (statsIntervalNanos <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastStatsNanos < statsIntervalNanos) {
      return;
    }
    lastStatsNanos = now;
    try {
      long micros = clock.nowMicros();
      json.stats(ids.uuidV7(micros / 1_000), micros, statsIntervalNanos / 1_000_000, reporting.counters(),
          reporting.exporterCounters());
      append(json, false);
    } catch (Throwable t) {
      processingErrors++;
    }
  }

  /** Seals the line and hands it to every sink; only activity lines are counted as events. */
  private void append(EventJson line, boolean activity) {
    integrity.seal(line);
    for (AuditSink sink : sinks) {
      sink.append(line.bytes(), 0, line.length(), activity);
    }
    if (!writingCheckpoint && integrity.checkpointDueByCount()) {
      checkpoint(line, line == json ? ids : closingIds, "events", false);
    }
  }

  /** An {@code integrity_checkpoint} over the lines since the last one, sealed and written like any line. */
  private void checkpoint(EventJson line, Ids idSource, String reason, boolean last) {
    writingCheckpoint = true;
    try {
      long now = clock.nowMicros();
      integrity.serializeCheckpoint(line, idSource.uuidV7(now / 1_000), now, reason, last);
      long before = integrity.seq();
      try {
        append(line, false);
      } finally {
        if (integrity.seq() > before) {
          integrity.checkpointWritten(System.nanoTime()); // sealed: it is part of the chain even if a sink failed
        }
      }
    } catch (Throwable t) {
      processingErrors++;
      AgentLog.warnOnce("checkpoint:" + t.getClass().getName(),
          "could not write an integrity checkpoint (" + t.getClass().getName() + ")");
    } finally {
      writingCheckpoint = false;
    }
  }

  /** Flushes every sink; false when any failed (its losses are then waiting in {@link AuditSink#takeLost}). */
  private boolean flushAll() {
    boolean ok = true;
    for (AuditSink sink : sinks) {
      if (!sink.flush()) {
        sinkFailures++;
        ok = false;
      }
    }
    return ok;
  }

  private void reportQueueFull() {
    long total = drops.queueFull();
    long lost = total - reportedQueueFull;
    if (lost <= 0) {
      return;
    }
    reportedQueueFull = total;
    long first = drops.takeWindowStart();
    long last = drops.lastMillis();
    // a producer may have counted its drop but not yet stamped the window start
    writeGap(json, ids, "queue_full", null, lost, first > 0 ? first : last, last);
    long now = System.nanoTime();
    if (lastDropWarningNanos == 0 || now - lastDropWarningNanos > 60_000_000_000L) {
      lastDropWarningNanos = now;
      AgentLog.warn(lost + " audit events dropped: the queue was full (" + total + " in total; raise mcp.audit.queue.size)");
    }
  }

  private void reportExportErrors() {
    if (unreportedExportErrors > 0) {
      long now = System.currentTimeMillis();
      writeGap(json, ids, "export_error", null, unreportedExportErrors, firstExportErrorMillis, now);
      unreportedExportErrors = 0;
      firstExportErrorMillis = 0;
    }
  }

  /**
   * A sink's losses become an {@code audit_gap} (reason {@code sink_write_failed}, with the lines it lost) in every
   * trail, sealed like any line: the failing sink's chain then shows a hole of exactly {@code lines_lost} sequence
   * numbers before a gap that explains it, and the others say what that sink missed. The gap waits until the sink
   * has written something again (so a sink that stays broken does not get, and lose, a gap every batch); the
   * closing report writes what is still waiting.
   */
  private void reportSinkLosses(EventJson line, Ids idSource, boolean closing) {
    for (int i = 0; i < sinks.size(); i++) {
      AuditSink sink = sinks.get(i);
      AuditSink.Loss taken = sink.takeLost();
      if (taken != null) {
        linesAtLoss[i] = sink.linesWritten();
      }
      AuditSink.Loss loss = merge(unreportedLosses[i], taken);
      unreportedLosses[i] = loss;
      if (loss == null || !closing && sink.linesWritten() <= linesAtLoss[i]) {
        continue;
      }
      unreportedLosses[i] = null;
      try {
        long now = clock.nowMicros();
        line.gap(idSource.uuidV7(now / 1_000), now, "sink_write_failed", sink.describe(), null, 0, null, loss.events(),
            loss.lines(), loss.firstMillis(), loss.lastMillis());
        append(line, false);
      } catch (Throwable t) {
        processingErrors++;
        unreportedLosses[i] = loss;
        continue;
      }
      flushAll();
      AuditSink.Loss again = sink.takeLost();
      if (again != null) {
        // the gap did not reach the failing sink itself: its trail still misses what the gap described, so the next
        // gap describes all of it (the other trails then hold both gaps; only the failing sink's holes must add up)
        unreportedLosses[i] = merge(loss, again);
        linesAtLoss[i] = sink.linesWritten();
      }
    }
  }

  private static AuditSink.Loss merge(AuditSink.Loss earlier, AuditSink.Loss later) {
    if (earlier == null || later == null) {
      return earlier == null ? later : earlier;
    }
    return new AuditSink.Loss(earlier.events() + later.events(), earlier.lines() + later.lines(), earlier.firstMillis(),
        later.lastMillis());
  }

  private void writeGap(EventJson line, Ids idSource, String reason, String sink, long lost, long firstMillis,
      long lastMillis) {
    writeGap(line, idSource, reason, sink, null, 0, null, lost, firstMillis, lastMillis);
  }

  private void writeGap(EventJson line, Ids idSource, String reason, String sink, String exporter, int status,
      String where, long lost, long firstMillis, long lastMillis) {
    try {
      long now = clock.nowMicros();
      line.gap(idSource.uuidV7(now / 1_000), now, reason, sink, exporter, status, where, lost, firstMillis, lastMillis);
      append(line, false);
    } catch (Throwable t) {
      processingErrors++;
    }
  }

  /**
   * The last reports, from the closing thread once the consumer has stopped: losses not reported yet,
   * calls that finished too late ({@code shutdown}), then the stop event, flushed.
   */
  public void finalReports(long abandoned, String agentVersion, java.util.function.Supplier<Map<String, Long>> counters) {
    endOfBatch();
    long late = drops.atShutdown() + abandoned;
    reportedShutdownLosses = late; // the stop event counts exactly what this gap reports
    if (late > 0) {
      long now = System.currentTimeMillis();
      writeGap(closingJson, closingIds, "shutdown", null, late, now, now);
    }
    reportShipping(closingJson, closingIds);
    reportSinkLosses(closingJson, closingIds, true);
    lifecycle("stop", agentVersion, null, counters.get(), reporting.exporterCounters());
    if (integrity.enabled()) {
      checkpoint(closingJson, closingIds, "stop", true); // the last line: a trail without it was cut short
      flushAll();
    }
  }

  /**
   * Serializes and writes a lifecycle event now: before the consumer starts (start), or after it
   * stopped (stop). Never while the consumer runs: the sinks are not shared between threads.
   */
  public void lifecycle(String phase, String agentVersion, Map<String, String> config, Map<String, Long> counters) {
    lifecycle(phase, agentVersion, config, counters, null);
  }

  private void lifecycle(String phase, String agentVersion, Map<String, String> config, Map<String, Long> counters,
      Map<String, Map<String, Long>> exporters) {
    try {
      long now = clock.nowMicros();
      closingJson.lifecycle(closingIds.uuidV7(now / 1_000), now, phase, agentVersion, config, counters, exporters);
      append(closingJson, false);
      flushAll();
    } catch (Throwable t) {
      processingErrors++;
      AgentLog.error("could not write the " + phase + " lifecycle event", t);
    }
  }

  /** Shutdown losses as the final report counted them, or -1 while running. */
  public long reportedShutdownLosses() {
    return reportedShutdownLosses;
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

  /** Something escaped the per-event handling (see {@link ConsumerExceptionHandler}); counted, logged once per type. */
  void failed(Throwable t) {
    processingErrors++;
    AgentLog.warnOnce("consumer:" + t.getClass().getName(),
        "the audit exporter caught " + t.getClass().getName() + " and carries on");
  }

  public boolean awaitStopped(long millis) throws InterruptedException {
    return stopped.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Activity events every sink has written out (the least any sink wrote). */
  public long written() {
    long least = Long.MAX_VALUE;
    for (AuditSink sink : sinks) {
      least = Math.min(least, sink.activityWritten());
    }
    return sinks.isEmpty() ? 0 : least;
  }

  /** Activity events some sink lost (the most any sink lost). */
  public long lostInSinks() {
    long most = 0;
    for (AuditSink sink : sinks) {
      most = Math.max(most, sink.activityLost());
    }
    return most;
  }

  /** Failed writes of every sink (flushes at the end of a batch, and those a full buffer made). */
  public long sinkFailures() {
    long n = 0;
    for (AuditSink sink : sinks) {
      n += sink.writeFailures();
    }
    return Math.max(n, sinkFailures);
  }

  public long exportErrors() {
    return exportErrors;
  }

  public long extractionErrors() {
    return mapper.extractionErrors() + processingErrors;
  }

  public String describeSinks() {
    StringBuilder out = new StringBuilder();
    for (AuditSink sink : sinks) {
      out.append(out.length() == 0 ? "" : ", ").append(sink.describe());
    }
    return out.toString();
  }
}

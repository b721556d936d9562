package io.mcpaudit.exporter.shipping;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.journal.JournalReader;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.RemoteExporter;
import io.mcpaudit.exporter.spi.SendResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One remote exporter's thread. It reads the journal from the exporter's cursor, waits for a full batch
 * (or the linger time), has the exporter render and send it, and moves the cursor only when the batch was
 * delivered, so nothing is lost while the endpoint is down (at-least-once: a crash between delivery and
 * the cursor's write sends that batch again, with the same {@code event_id}s). Failures it can retry
 * (connection trouble, timeouts, 408, 429, 5xx) are retried with exponential backoff and jitter,
 * honouring {@code Retry-After}; a batch rejected for good (another 4xx) is quarantined beside the spool,
 * counted and reported as an {@code audit_gap}, instead of being retried forever. One warning per outage,
 * one line when it ends, never one per event. Nothing here runs on the exporter thread.
 */
public final class Shipper {
  private static final long INITIAL_BACKOFF_MILLIS = 1_000;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  private final RemoteExporter exporter;
  private final JournalReader reader;
  private final Path quarantineDir;
  private final Consumer<GapReport> reports;
  private final ShipperStats stats;
  private final Backoff backoff;
  private final Batch batch = new Batch();
  private final Thread thread;
  private volatile boolean stopping;
  /** Set once the thread has delivered everything it could in its last pass, or given up. */
  private volatile boolean finished;
  private volatile long outageStartMillis;
  private long failedInOutage;

  public Shipper(RemoteExporter exporter, JournalReader reader, Path quarantineDir, Consumer<GapReport> reports) {
    this(exporter, reader, quarantineDir, reports, INITIAL_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS);
  }

  Shipper(RemoteExporter exporter, JournalReader reader, Path quarantineDir, Consumer<GapReport> reports,
      long initialBackoffMillis, long maxBackoffMillis) {
    this.exporter = exporter;
    this.reader = reader;
    this.quarantineDir = quarantineDir;
    this.reports = reports;
    this.stats = new ShipperStats(exporter.name(), exporter.describe(), reader);
    this.backoff = new Backoff(initialBackoffMillis, maxBackoffMillis);
    this.thread = new Thread(this::run, "mcp-audit-ship-" + exporter.name());
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public ShipperStats stats() {
    return stats;
  }

  public String name() {
    return exporter.name();
  }

  public String describe() {
    return exporter.describe();
  }

  private void run() {
    RemoteExporter.BatchLimits limits = exporter.limits();
    long lingerNanos = TimeUnit.MILLISECONDS.toNanos(limits.lingerMillis());
    boolean lingered = false;
    try {
      while (!stopping) {
        int n = reader.peek(batch, limits.maxEvents(), limits.maxBytes());
        if (n == 0 || (n < limits.maxEvents() && batch.bytes() < limits.maxBytes() / 2 && !lingered)) {
          // wait for a full batch, or the linger time: a moderately loaded server does not pay a send per event
          reader.await(limits.maxEvents(), lingerNanos);
          lingered = n > 0;
          continue;
        }
        lingered = false;
        if (!deliver(n, false)) {
          pause(backoff.next(lastRetryAfter));
        }
      }
      finalPass();
    } catch (Throwable t) {
      AgentLog.error("the " + exporter.name() + " shipper stopped; undelivered events stay in the spool", t);
    } finally {
      finished = true;
    }
  }

  /** At stop: sends what is waiting, batch after batch, without retrying a failed send. */
  private void finalPass() throws IOException {
    RemoteExporter.BatchLimits limits = exporter.limits();
    int n;
    while (!Thread.currentThread().isInterrupted() && (n = reader.peek(batch, limits.maxEvents(), limits.maxBytes())) > 0) {
      if (!deliver(n, true)) {
        return; // the endpoint is down: what is left goes out at the next start
      }
    }
  }

  private long lastRetryAfter;

  /** Sends the peeked batch; true when the cursor moved on (delivered or quarantined). */
  private boolean deliver(int events, boolean stoppingNow) throws IOException {
    RemoteExporter.EncodedRequest request;
    try {
      request = exporter.encode(batch);
    } catch (IOException | RuntimeException e) {
      quarantine(0, "could not be encoded (" + e.getClass().getSimpleName() + ")", events);
      return true;
    }
    SendResult result;
    try {
      result = exporter.send(request);
    } catch (IOException e) {
      result = SendResult.retry(0, 0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    stats.requestsSent.incrementAndGet();
    switch (result.kind()) {
      case DELIVERED -> {
        synchronized (stats) { // sent and pending move together, for whoever reads both
          reader.commit();
          stats.eventsSent.addAndGet(events);
        }
        stats.lastSuccessMillis = System.currentTimeMillis();
        recovered();
        backoff.reset();
        return true;
      }
      case REJECTED -> {
        quarantine(result.status(), "rejected with HTTP " + result.status()
            + (result.detail() == null ? "" : " (" + result.detail() + ")"), events);
        return true;
      }
      default -> {
        stats.failedSends.incrementAndGet();
        if (!stoppingNow) {
          stats.retries.incrementAndGet();
        }
        lastRetryAfter = result.retryAfterMillis();
        failed(result.status() > 0 ? "HTTP " + result.status() : result.detail());
        return false;
      }
    }
  }

  private void failed(String why) {
    stats.lastFailure = why == null ? "" : why;
    failedInOutage++;
    if (!stats.failing) {
      stats.failing = true;
      outageStartMillis = System.currentTimeMillis();
      AgentLog.warn(exporter.describe() + ": send failed (" + why + "); retrying with backoff, events wait in the spool");
    }
  }

  private void recovered() {
    if (stats.failing) {
      stats.failing = false;
      long seconds = (System.currentTimeMillis() - outageStartMillis) / 1000;
      AgentLog.info(exporter.describe() + ": delivering again after " + failedInOutage + " failed attempts over "
          + seconds + " s");
      failedInOutage = 0;
    }
  }

  /** A batch the endpoint will never take: kept beside the spool (when on disk), counted, reported; the cursor moves on. */
  private void quarantine(int status, String why, int events) throws IOException {
    String where = null;
    if (quarantineDir != null) {
      try {
        Files.createDirectories(quarantineDir);
        Path file = quarantineDir.resolve(exporter.name() + "-" + System.currentTimeMillis() + "-" + System.nanoTime() + ".jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
          for (int i = 0; i < batch.size(); i++) {
            out.write(batch.data(), batch.offset(i), batch.length(i));
            out.write('\n');
          }
        }
        where = file.toString();
      } catch (IOException e) {
        AgentLog.warnOnce("quarantine:" + exporter.name(), "could not keep a rejected batch in " + quarantineDir + ": " + e);
      }
    }
    synchronized (stats) {
      reader.commit();
      stats.eventsRejected.addAndGet(events);
    }
    AgentLog.warnOnce("rejected:" + exporter.name() + ":" + status, exporter.describe() + ": a batch was " + why
        + "; it is kept in " + (where == null ? "no file (memory mode)" : quarantineDir) + " and reported as audit_gap");
    long now = System.currentTimeMillis();
    reports.accept(new GapReport("rejected", exporter.name(), events, status, where, now, now));
  }

  private void pause(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!stopping && System.nanoTime() < deadline) {
      LockSupport.parkNanos(this, deadline - System.nanoTime());
    }
  }

  /**
   * Asks the thread to send what is waiting and stop, and waits for it until {@code deadlineNanos}
   * ({@link System#nanoTime}); a thread still busy then (a hung endpoint) is interrupted and left behind.
   * Returns whether everything in the journal was delivered.
   */
  public boolean stop(long deadlineNanos) {
    stopping = true;
    LockSupport.unpark(thread);
    reader.wake();
    try {
      long waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
      thread.join(waitMillis);
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean complete = finished && reader.lag() == 0;
    exporter.close();
    return complete;
  }
}

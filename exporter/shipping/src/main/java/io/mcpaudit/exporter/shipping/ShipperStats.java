package io.mcpaudit.exporter.shipping;

import io.mcpaudit.exporter.journal.JournalReader;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one shipper: written by its thread (and the exporter thread for evictions), read by anyone. */
public final class ShipperStats implements ShipperStatsMBean {
  private final String exporter;
  private final String endpoint;
  private final JournalReader reader;
  final AtomicLong eventsSent = new AtomicLong();
  final AtomicLong requestsSent = new AtomicLong();
  final AtomicLong failedSends = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong eventsRejected = new AtomicLong();
  final AtomicLong eventsEvicted = new AtomicLong();
  volatile long lastSuccessMillis;
  volatile String lastFailure = "";
  volatile boolean failing;

  ShipperStats(String exporter, String endpoint, JournalReader reader) {
    this.exporter = exporter;
    this.endpoint = endpoint;
    this.reader = reader;
  }

  /** The journal evicted events this exporter had not sent. */
  public void evicted(long events) {
    eventsEvicted.addAndGet(events);
  }

  @Override
  public String getExporter() {
    return exporter;
  }

  @Override
  public String getEndpoint() {
    return endpoint;
  }

  @Override
  public long getEventsSent() {
    return eventsSent.get();
  }

  @Override
  public long getRequestsSent() {
    return requestsSent.get();
  }

  @Override
  public long getFailedSends() {
    return failedSends.get();
  }

  @Override
  public long getRetries() {
    return retries.get();
  }

  @Override
  public long getEventsRejected() {
    return eventsRejected.get();
  }

  @Override
  public long getEventsEvicted() {
    return eventsEvicted.get();
  }

  @Override
  public long getLagEvents() {
    return reader.lag();
  }

  @Override
  public long getLagSeconds() {
    if (reader.lag() == 0) {
      return 0;
    }
    long since = lastSuccessMillis;
    return since == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - since) / 1000);
  }

  @Override
  public long getLastSuccessMillis() {
    return lastSuccessMillis;
  }

  @Override
  public String getLastFailure() {
    return lastFailure;
  }

  @Override
  public boolean isFailing() {
    return failing;
  }
}

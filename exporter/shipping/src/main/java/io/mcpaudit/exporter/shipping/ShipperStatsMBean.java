package io.mcpaudit.exporter.shipping;

/** One remote exporter's counters, as JMX shows them ({@code io.mcpaudit:type=Exporter,name=<exporter>}). */
public interface ShipperStatsMBean {
  String getExporter();

  String getEndpoint();

  long getEventsSent();

  long getRequestsSent();

  long getFailedSends();

  long getRetries();

  long getEventsRejected();

  long getEventsEvicted();

  /** Events in the journal this exporter has not delivered yet. */
  long getLagEvents();

  /** Seconds since the last delivery, while events are waiting; 0 when none are. */
  long getLagSeconds();

  /** Epoch milliseconds of the last delivery, or 0. */
  long getLastSuccessMillis();

  /** The last failure (an HTTP status or an exception's class), or empty. */
  String getLastFailure();

  boolean isFailing();
}

package io.mcpaudit.exporter.pipeline;

import java.util.Map;

/** The pipeline's counters, as JMX shows them ({@code io.mcpaudit:type=Pipeline}). */
public interface PipelineStatsMBean {
  /** Every counter of the stop and {@code agent_stats} events, by name. */
  Map<String, Long> getCounters();

  long getEventsAccepted();

  long getEventsWritten();

  long getEventsDropped();

  long getDroppedQueueFull();

  long getSpoolBytes();
}

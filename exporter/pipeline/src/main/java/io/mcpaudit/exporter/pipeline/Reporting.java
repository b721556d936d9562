package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.exporter.shipping.GapReport;
import java.util.List;
import java.util.Map;

/** What the exporter thread asks the rest of the pipeline at the end of each batch: losses to report, counters. */
interface Reporting {
  /** Losses the shippers and the journal found since the last call. */
  List<GapReport> takeReports();

  /** The pipeline's counters, for the stop and {@code agent_stats} events. */
  Map<String, Long> counters();

  /** Each remote exporter's counters, by name. */
  Map<String, Map<String, Long>> exporterCounters();

  Reporting NONE = new Reporting() {
    @Override
    public List<GapReport> takeReports() {
      return List.of();
    }

    @Override
    public Map<String, Long> counters() {
      return Map.of();
    }

    @Override
    public Map<String, Map<String, Long>> exporterCounters() {
      return Map.of();
    }
  };
}

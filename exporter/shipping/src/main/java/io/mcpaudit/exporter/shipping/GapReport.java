package io.mcpaudit.exporter.shipping;

/**
 * A loss a shipper (or the journal) reports, to be written into the trail as an {@code audit_gap} by the
 * exporter thread: {@code rejected} (the endpoint refused a batch for good; it was quarantined) or
 * {@code spool_full} (the journal evicted events before this exporter sent them).
 *
 * @param status the HTTP status of a rejection, else 0
 * @param where where the quarantined batch was kept, or null
 */
public record GapReport(String reason, String exporter, long events, int status, String where,
    long firstMillis, long lastMillis) {}

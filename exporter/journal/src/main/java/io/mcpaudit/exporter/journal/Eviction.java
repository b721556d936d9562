package io.mcpaudit.exporter.journal;

/**
 * Events a remote exporter will never send, because the journal was full and the segment holding them
 * was evicted before the exporter had read them (or was already gone when the process started).
 */
public record Eviction(String exporter, long events, long firstSeq, long endSeq) {}

package io.mcpaudit.exporter.model;

/** What every event says about where it came from; fixed for the life of the process. */
public record Deployment(String serverId, String environment, String host, String serviceInstanceId) {}

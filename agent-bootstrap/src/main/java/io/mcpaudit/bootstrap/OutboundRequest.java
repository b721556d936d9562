package io.mcpaudit.bootstrap;

/**
 * A request this process sends (an MCP client call, or a server-to-client request such as sampling),
 * as captured: the method and the parameters actually sent (with the trace context added to their
 * {@code _meta}). The exporter reads it through the same {@code method()}/{@code params()} accessors as
 * an SDK {@code JSONRPCRequest}.
 */
public record OutboundRequest(String method, Object params) {}

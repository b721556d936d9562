package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

/** The SDK's transports, configured as on SDK 0.18 and later (the JSON mapper found by {@code McpJsonDefaults}). */
final class Transports {
  private Transports() {}

  static StdioServerTransportProvider stdio(InputStream in, OutputStream out) {
    return new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in, out);
  }

  static HttpServletSseServerTransportProvider sse() {
    return HttpServletSseServerTransportProvider.builder().jsonMapper(McpJsonDefaults.getMapper())
        .sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
  }

  static HttpServletStreamableServerTransportProvider streamable() {
    return HttpServletStreamableServerTransportProvider.builder().jsonMapper(McpJsonDefaults.getMapper())
        .mcpEndpoint("/mcp").build();
  }

  static HttpServletStatelessServerTransport stateless() {
    return HttpServletStatelessServerTransport.builder().jsonMapper(McpJsonDefaults.getMapper())
        .messageEndpoint("/mcp").build();
  }
}

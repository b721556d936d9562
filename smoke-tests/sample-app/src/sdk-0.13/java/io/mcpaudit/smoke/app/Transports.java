package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The SDK's transports as configured on SDK 0.13 to 0.17: the JSON mapper abstraction exists, but
 * {@code McpJsonDefaults} does not yet; the servlet builders fall back to {@code McpJsonMapper.getDefault()}.
 */
final class Transports {
  private Transports() {}

  static StdioServerTransportProvider stdio(InputStream in, OutputStream out) {
    return new StdioServerTransportProvider(McpJsonMapper.getDefault(), in, out);
  }

  static HttpServletSseServerTransportProvider sse() {
    return HttpServletSseServerTransportProvider.builder().sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
  }

  static HttpServletStreamableServerTransportProvider streamable() {
    return HttpServletStreamableServerTransportProvider.builder().mcpEndpoint("/mcp").build();
  }

  static HttpServletStatelessServerTransport stateless() {
    return HttpServletStatelessServerTransport.builder().messageEndpoint("/mcp").build();
  }
}

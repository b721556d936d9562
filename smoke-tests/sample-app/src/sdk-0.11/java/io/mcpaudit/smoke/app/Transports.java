package io.mcpaudit.smoke.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;

/** The SDK's transports as configured on SDK 0.11 and 0.12: Jackson's {@code ObjectMapper} is part of their API. */
final class Transports {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Transports() {}

  static StdioServerTransportProvider stdio(InputStream in, OutputStream out) {
    return new StdioServerTransportProvider(JSON, in, out);
  }

  static HttpServletSseServerTransportProvider sse() {
    return HttpServletSseServerTransportProvider.builder().objectMapper(JSON)
        .sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
  }

  static HttpServletStreamableServerTransportProvider streamable() {
    return HttpServletStreamableServerTransportProvider.builder().objectMapper(JSON).mcpEndpoint("/mcp").build();
  }

  static HttpServletStatelessServerTransport stateless() {
    return HttpServletStatelessServerTransport.builder().objectMapper(JSON).messageEndpoint("/mcp").build();
  }
}

package io.mcpaudit.benchmarks.load;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/** One closed-loop client: an SDK client over Streamable HTTP calling {@code tools/call echo} back to back. */
final class LoadClient implements AutoCloseable {
  private static final McpSchema.CallToolRequest ECHO = new McpSchema.CallToolRequest("echo", Map.of("text", "hi"));

  private final McpSyncClient client;

  LoadClient(int port) {
    var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build();
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
  }

  /** One request; true when the server answered with the tool's result. */
  boolean call() {
    McpSchema.CallToolResult result = client.callTool(ECHO);
    return !Boolean.TRUE.equals(result.isError()) && !result.content().isEmpty();
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}

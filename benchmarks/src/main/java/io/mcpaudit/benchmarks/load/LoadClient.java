package io.mcpaudit.benchmarks.load;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An initialized SDK client calling {@code tools/call echo}; safe to share between threads. Used for stdio, and for
 * Streamable HTTP with {@code --client sdk} (the old harness: the client then costs more CPU than the server).
 */
final class LoadClient implements Caller {
  private static final McpSchema.CallToolRequest ECHO = new McpSchema.CallToolRequest("echo", Map.of("text", "hi"));

  private final McpSyncClient client;

  private LoadClient(McpClientTransport transport) {
    client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build();
    client.initialize();
  }

  static LoadClient http(int port) {
    return new LoadClient(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port).endpoint("/mcp").build());
  }

  static LoadClient stdio(List<String> command) {
    ServerParameters server = ServerParameters.builder(command.get(0)).args(command.subList(1, command.size())).build();
    return new LoadClient(new StdioClientTransport(server, McpJsonDefaults.getMapper()));
  }

  @Override
  public boolean call() {
    McpSchema.CallToolResult result = client.callTool(ECHO);
    return !Boolean.TRUE.equals(result.isError()) && !result.content().isEmpty();
  }

  @Override
  public void close() {
    client.closeGracefully();
  }
}

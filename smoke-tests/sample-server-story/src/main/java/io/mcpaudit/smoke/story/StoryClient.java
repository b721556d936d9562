package io.mcpaudit.smoke.story;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/**
 * Usage: {@code StoryClient <port> <traceparent>}. Calls {@code downstream} twice over Streamable
 * HTTP, first with the W3C {@code traceparent} header an upstream tracer would send, then with no
 * trace or correlation header at all, then {@code leak_probe}. Prints {@code RESULT <n> <text>} lines.
 */
public final class StoryClient {
  private StoryClient() {}

  public static void main(String[] args) {
    String traceparent = args[1];
    var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + args[0]).endpoint("/mcp")
        .jsonMapper(McpJsonDefaults.getMapper())
        .httpRequestCustomizer((builder, method, uri, body, context) -> {
          if (body != null && body.contains("\"with-trace\"")) {
            builder.header("traceparent", traceparent);
          }
        })
        .build();
    try (var client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
      client.initialize();
      call(client, 1, "downstream", "with-trace");
      call(client, 2, "downstream", "no-trace");
      call(client, 3, "leak_probe", "no-trace");
    }
    System.exit(0);
  }

  private static void call(io.modelcontextprotocol.client.McpSyncClient client, int n, String tool, String marker) {
    McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest(tool, Map.of("text", marker)));
    String text = ((McpSchema.TextContent) result.content().get(0)).text();
    System.out.println("RESULT " + n + " " + text);
    System.out.flush();
  }
}

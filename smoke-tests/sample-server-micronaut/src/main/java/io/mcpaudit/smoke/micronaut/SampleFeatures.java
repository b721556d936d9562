package io.mcpaudit.smoke.micronaut;

import io.mcpaudit.smoke.app.SampleServer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.mcp.annotations.Prompt;
import io.micronaut.mcp.annotations.PromptArg;
import io.micronaut.mcp.annotations.Resource;
import io.micronaut.mcp.annotations.Tool;
import io.micronaut.mcp.annotations.ToolArg;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sample's tools, resource and prompt as Micronaut MCP annotated methods; the tools run the sample's code. */
@Singleton
class SampleFeatures {

  @Tool(description = "sample tool echo")
  CallToolResult echo(@ToolArg(description = "text") @Nullable String text) {
    return SampleServer.callTool("echo", arguments("text", text));
  }

  @Tool(description = "sample tool fail")
  CallToolResult fail() {
    return SampleServer.callTool("fail", Map.of());
  }

  @Tool(description = "sample tool boom")
  CallToolResult boom() {
    return SampleServer.callTool("boom", Map.of());
  }

  @Tool(name = "secret_lookup", description = "sample tool secret_lookup")
  CallToolResult secretLookup(@ToolArg(name = "api_key", description = "key") @Nullable String apiKey) {
    return SampleServer.callTool("secret_lookup", arguments("api_key", apiKey));
  }

  @Resource(uri = "sample://hello", name = "hello", mimeType = "text/plain")
  String hello() {
    return "hello";
  }

  @Prompt(name = "greet", description = "greets someone")
  McpSchema.GetPromptResult greet(@PromptArg(description = "who to greet") String name) {
    return new McpSchema.GetPromptResult("greeting", List.of(new McpSchema.PromptMessage(
        McpSchema.Role.USER, new McpSchema.TextContent("Hello, " + name + "!"))));
  }

  private static Map<String, Object> arguments(String key, @Nullable String value) {
    Map<String, Object> arguments = new HashMap<>();
    arguments.put(key, value);
    return arguments;
  }
}

package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** The sample resource {@code sample://hello} and prompt {@code greet}, for both engines. */
final class Features {
  static final String URI = "sample://hello";

  private Features() {}

  static McpServerFeatures.SyncResourceSpecification resource() {
    return new McpServerFeatures.SyncResourceSpecification(resourceDescription(), (exchange, request) -> read());
  }

  static McpStatelessServerFeatures.SyncResourceSpecification statelessResource() {
    return new McpStatelessServerFeatures.SyncResourceSpecification(resourceDescription(), (context, request) -> read());
  }

  static McpServerFeatures.SyncPromptSpecification prompt() {
    return new McpServerFeatures.SyncPromptSpecification(promptDescription(),
        (exchange, request) -> greet(request.arguments().get("name")));
  }

  static McpStatelessServerFeatures.SyncPromptSpecification statelessPrompt() {
    return new McpStatelessServerFeatures.SyncPromptSpecification(promptDescription(),
        (context, request) -> greet(request.arguments().get("name")));
  }

  private static McpSchema.Resource resourceDescription() {
    return McpSchema.Resource.builder().uri(URI).name("hello").mimeType("text/plain").build();
  }

  private static McpSchema.ReadResourceResult read() {
    return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(URI, "text/plain", "hello")));
  }

  private static McpSchema.Prompt promptDescription() {
    return new McpSchema.Prompt("greet", "greets someone",
        List.of(new McpSchema.PromptArgument("name", "who to greet", true)));
  }

  private static McpSchema.GetPromptResult greet(Object name) {
    return new McpSchema.GetPromptResult("greeting", List.of(new McpSchema.PromptMessage(
        McpSchema.Role.USER, new McpSchema.TextContent("Hello, " + name + "!"))));
  }
}

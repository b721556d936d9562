package io.mcpaudit.instrumentation.mcpsdk;

/** Binary names of the SDK types the matchers refer to. */
final class SdkNames {
  static final String SPEC = "io.modelcontextprotocol.spec.";
  static final String SERVER = "io.modelcontextprotocol.server.";
  static final String SCHEMA = SPEC + "McpSchema";
  static final String JSONRPC_REQUEST = SCHEMA + "$JSONRPCRequest";
  static final String JSONRPC_NOTIFICATION = SCHEMA + "$JSONRPCNotification";
  static final String JSONRPC_MESSAGE = SCHEMA + "$JSONRPCMessage";
  static final String INITIALIZE_REQUEST = SCHEMA + "$InitializeRequest";
  static final String STREAMABLE_SESSION = SPEC + "McpStreamableServerSession";
  static final String STREAMABLE_TRANSPORT = SPEC + "McpStreamableServerTransport";
  /** Spring AI 2.x's MCP transports ({@code org.springframework.ai.mcp.server.webmvc.transport.*}, …). */
  static final String SPRING_AI = "org.springframework.ai.mcp.";

  private SdkNames() {}
}

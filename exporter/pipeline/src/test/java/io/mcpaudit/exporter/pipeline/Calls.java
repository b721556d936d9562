package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/** Finished calls built from real SDK 2.1.0 objects, as the advice would capture them. */
final class Calls {
  private Calls() {}

  static ServerCall request(int engine, Object owner, String method, Object id, Map<String, Object> params,
      Object response, HttpRequestInfo http) {
    ServerCall call = new ServerCall(engine, false,
        new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, params), owner, http);
    call.response = response;
    finish(call, ServerCall.SIGNAL_COMPLETE);
    return call;
  }

  static ServerCall toolCall(Object response, Map<String, Object> meta) {
    Map<String, Object> params = meta == null
        ? Map.of("name", "lookup", "arguments", Map.of("customer_id", "cust-42", "api_key", "sk-secret-value"))
        : Map.of("name", "lookup", "arguments", Map.of("customer_id", "cust-42"), "_meta", meta);
    return request(ServerCall.ENGINE_STATELESS, null, "tools/call", 7, params, response, null);
  }

  static McpSchema.JSONRPCResponse result(Object result) {
    return new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 7, result, null);
  }

  static McpSchema.JSONRPCResponse error(int code, String message) {
    return new McpSchema.JSONRPCResponse(McpSchema.JSONRPC_VERSION, 7, null,
        new McpSchema.JSONRPCResponse.JSONRPCError(code, message, null));
  }

  /** Sets the terminal state the way the Mono's finally-callback does (package-private there). */
  static void finish(ServerCall call, int signal) {
    call.signal = signal;
    call.endNanos = call.startNanos + 1_234_567;
  }
}

package io.mcpaudit.exporter.event;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.json.Text;

/**
 * The outcome taxonomy: {@code cancelled} (cancelled before any response), {@code failure} (a JSON-RPC error or an exception),
 * {@code tool_error} ({@code CallToolResult.isError == true}, still a JSON-RPC success) or
 * {@code success}.
 */
final class Outcome {
  private static final int INTERNAL_ERROR = -32603;

  private Outcome() {}

  static void apply(ServerCall call, ActivityEvent event) {
    // a cancel after the answer is how some frameworks end a Mono they read one value from (Micronaut):
    // the client got that answer, so it is the outcome
    if (call.signal == ServerCall.SIGNAL_CANCEL && !call.answered && call.response == null) {
      event.status = "cancelled";
      return;
    }
    Object rpcError = ActivityMapper.isEnvelope(call.response) ? Reflect.call(call.response, "error") : null;
    if (rpcError != null) {
      failure(event, Reflect.call(rpcError, "code"), Reflect.call(rpcError, "message"));
      return;
    }
    if (call.error != null || call.signal == ServerCall.SIGNAL_ERROR || call.signal == ServerCall.SIGNAL_THROWN) {
      Object mcpError = Reflect.call(call.error, "getJsonRpcError");
      if (mcpError != null) {
        failure(event, Reflect.call(mcpError, "code"), Reflect.call(mcpError, "message"));
      } else {
        // an exception's message may carry user data; its type does not
        failure(event, INTERNAL_ERROR, call.error == null ? "error" : call.error.getClass().getSimpleName());
      }
      return;
    }
    Object isError = Reflect.member(ActivityMapper.resultOf(call.response), "isError");
    event.status = Boolean.TRUE.equals(isError) ? "tool_error" : "success";
  }

  private static void failure(ActivityEvent event, Object code, Object message) {
    event.status = "failure";
    event.errorCode = code instanceof Number n ? n.intValue() : null;
    event.errorMessage = Text.clean(message, Text.MESSAGE);
  }
}

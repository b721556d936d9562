package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.json.Text;
import io.mcpaudit.exporter.privacy.FreeText;
import java.util.Set;

/**
 * The outcome taxonomy: {@code cancelled} (cancelled before any response), {@code failure} (a JSON-RPC
 * error or an exception), {@code tool_error} ({@code CallToolResult.isError == true}, still a JSON-RPC
 * success) or {@code success}.
 *
 * <p>Error messages. The SDK turns any exception a handler throws into an internal error (-32603)
 * whose message is the exception's message, and exception messages routinely quote what the handler
 * was working on (an argument, a row, a card number). So a message is kept only for the standard
 * codes an application or the SDK uses on purpose to tell the client what was wrong with its request
 * ({@link #MESSAGE_CODES}), and even then with detected secrets and personal data replaced by
 * placeholders. For every other code only the code is recorded, plus the exception's type when the
 * agent saw the exception itself.
 */
final class Outcome {
  static final int INTERNAL_ERROR = -32603;
  /**
   * Parse error, invalid request, method not found, invalid params (JSON-RPC 2.0); resource not found,
   * URL elicitation required, unsupported protocol version (MCP).
   */
  static final Set<Integer> MESSAGE_CODES = Set.of(-32700, -32600, -32601, -32602, -32002, -32042, -32022);

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
      failure(event, Reflect.call(rpcError, "code"), Reflect.call(rpcError, "message"), null);
      return;
    }
    if (call.error != null || call.signal == ServerCall.SIGNAL_ERROR || call.signal == ServerCall.SIGNAL_THROWN) {
      Object mcpError = Reflect.call(call.error, "getJsonRpcError");
      if (mcpError != null) {
        failure(event, Reflect.call(mcpError, "code"), Reflect.call(mcpError, "message"), null);
      } else {
        // an exception's message may carry user data; its type does not
        failure(event, INTERNAL_ERROR, null, call.error == null ? null : call.error.getClass().getName());
      }
      return;
    }
    Object isError = Reflect.member(ActivityMapper.resultOf(call.response), "isError");
    event.status = Boolean.TRUE.equals(isError) ? "tool_error" : "success";
  }

  private static void failure(ActivityEvent event, Object code, Object message, String errorType) {
    event.status = "failure";
    event.errorCode = code instanceof Number n ? n.intValue() : null;
    event.errorType = Text.clean(errorType, Text.NAME);
    event.errorMessage = event.errorCode != null && MESSAGE_CODES.contains(event.errorCode)
        ? safeMessage(message) : null;
  }

  /** The message with URLs made safe and detected values replaced, then cut; null for none. */
  static String safeMessage(Object message) {
    return FreeText.scrub(message, Text.MESSAGE);
  }
}

package io.mcpaudit.instrumentation.mcpsdk;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import reactor.core.publisher.Mono;

/**
 * {@code sendRequest(method, params, typeRef)} of a session that sends requests: the client session
 * (every request an MCP client sends) and the server's session engine (roots, sampling and elicitation
 * requests to the client). The parameters sent carry the trace context in {@code _meta}; the returned
 * Mono is timed like a handled request. Which of the two it is follows from the instrumented type.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public final class OutboundRequestAdvice {
  private OutboundRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static ServerCall enter(
      @Advice.This Object session,
      @Advice.Origin("#t") String type,
      @Advice.Argument(0) String method,
      @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object params) {
    ServerCall call = AuditBridge.outbound(
        type.endsWith("McpClientSession") ? ServerCall.ENGINE_CLIENT : ServerCall.ENGINE_SERVER_REQUEST,
        session, method, params);
    if (call != null) {
      params = call.sentParams();
    }
    return call;
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(
      @Advice.Enter ServerCall call,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    if (call == null) {
      return;
    }
    if (thrown != null) {
      call.thrown(thrown);
    } else if (result instanceof Mono) {
      result = ((Mono<?>) result).doOnSubscribe(call.onSubscribe()).doOnNext(call.onNext())
          .doOnError(call.onError()).doFinally((Consumer) call);
    }
  }
}

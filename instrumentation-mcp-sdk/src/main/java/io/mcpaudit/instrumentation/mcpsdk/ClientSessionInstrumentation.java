package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.function.Consumer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;

/**
 * The client side: every request an SDK client sends ({@code initialize} included) goes through
 * {@code McpClientSession.sendRequest(method, params, typeRef)}. Each becomes an outbound event, and the
 * parameters sent carry the request's W3C {@code traceparent} in {@code _meta} (a copy: the caller's
 * object is untouched), which a server with the agent continues.
 */
public final class ClientSessionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SPEC + "McpClientSession");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("sendRequest").and(takesArguments(3)).and(takesArgument(0, String.class)),
        getClass().getName() + "$SendRequestAdvice",
        "sendRequest(String, Object, TypeRef)"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class SendRequestAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ServerCall enter(
        @Advice.This Object session,
        @Advice.Argument(0) String method,
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object params) {
      ServerCall call = AuditBridge.outbound(ServerCall.ENGINE_CLIENT, session, method, params);
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
}

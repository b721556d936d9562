package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The session engine ({@code McpServerSession}), behind stdio and HTTP+SSE. Its private dispatch
 * methods take the transport context as a second argument since SDK 0.11.3, and return lazy Monos.
 */
public final class ServerSessionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SPEC + "McpServerSession");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("handleIncomingRequest")
                .and(takesArguments(2))
                .and(takesArgument(0, named(SdkNames.JSONRPC_REQUEST))),
            getClass().getName() + "$RequestAdvice",
            "handleIncomingRequest(JSONRPCRequest, McpTransportContext)"),
        new MethodAdvice(
            named("handleIncomingNotification")
                .and(takesArguments(2))
                .and(takesArgument(0, named(SdkNames.JSONRPC_NOTIFICATION))),
            getClass().getName() + "$NotificationAdvice",
            "handleIncomingNotification(JSONRPCNotification, McpTransportContext)"),
        new MethodAdvice(
            named("sendRequest").and(takesArguments(3)).and(takesArgument(0, String.class)),
            OutboundRequestAdvice.class.getName(),
            "sendRequest(String, Object, TypeRef)"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class RequestAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object session,
        @Advice.Argument(0) Object request,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.request(ServerCall.ENGINE_SESSION, session, request);
      if (call == null) {
        return;
      }
      if (thrown != null) {
        call.thrown(thrown);
      } else if (result instanceof Mono) {
        Mono<?> scoped = Propagation.enabled()
            ? ((Mono<?>) result).subscribeOn(Schedulers.fromExecutor(call)) : (Mono<?>) result;
        if (AuditBridge.readsHttpFromContext(call)) { // reactive transports: HTTP facts in the Reactor context
          scoped = Mono.deferContextual((Function) call.httpFromContext(scoped));
        }
        result = scoped.doOnSubscribe(call.onSubscribe()).doOnNext(call.onNext())
            .doOnError(call.onError()).doFinally((Consumer) call);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class NotificationAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object session,
        @Advice.Argument(0) Object notification,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.notification(ServerCall.ENGINE_SESSION, session, notification);
      if (call == null) {
        return;
      }
      if (thrown != null) {
        call.thrown(thrown);
      } else if (result instanceof Mono) {
        Mono<?> scoped = Propagation.enabled()
            ? ((Mono<?>) result).subscribeOn(Schedulers.fromExecutor(call)) : (Mono<?>) result;
        if (AuditBridge.readsHttpFromContext(call)) { // reactive transports: HTTP facts in the Reactor context
          scoped = Mono.deferContextual((Function) call.httpFromContext(scoped));
        }
        result = scoped.doOnSubscribe(call.onSubscribe())
            .doOnError(call.onError()).doFinally((Consumer) call);
      }
    }
  }
}

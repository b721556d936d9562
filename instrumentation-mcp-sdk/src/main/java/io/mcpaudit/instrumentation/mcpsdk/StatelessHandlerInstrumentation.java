package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The stateless engine ({@code DefaultMcpStatelessServerHandler}), behind stateless HTTP. Its
 * {@code handleRequest} calls the handler eagerly, so bad parameters can throw out of it
 * synchronously instead of failing the Mono; both are recorded.
 */
public final class StatelessHandlerInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SERVER + "DefaultMcpStatelessServerHandler");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            isConstructor().and(takesArguments(2)).and(takesArgument(0, Map.class)),
            getClass().getName() + "$ConstructorAdvice",
            "<init>(Map, Map)"),
        new MethodAdvice(
            named("handleRequest").and(takesArguments(2)).and(takesArgument(1, named(SdkNames.JSONRPC_REQUEST))),
            getClass().getName() + "$RequestAdvice",
            "handleRequest(McpTransportContext, JSONRPCRequest)"),
        new MethodAdvice(
            named("handleNotification")
                .and(takesArguments(2))
                .and(takesArgument(1, named(SdkNames.JSONRPC_NOTIFICATION))),
            getClass().getName() + "$NotificationAdvice",
            "handleNotification(McpTransportContext, JSONRPCNotification)"));
  }

  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object requestHandlers) {
      AuditBridge.statelessHandlerCreated(requestHandlers);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class RequestAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object handler,
        @Advice.Argument(1) Object request,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.request(ServerCall.ENGINE_STATELESS, handler, request);
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
        // doOnSuccess, not doOnNext: web frameworks subscribe to this Mono themselves and may cancel it
        // right after its value (Micronaut), which must still count as answered
        result = scoped.doOnSubscribe(call.onSubscribe()).doOnSuccess(call.onSuccess())
            .doOnError(call.onError()).doFinally((Consumer) call);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class NotificationAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object handler,
        @Advice.Argument(1) Object notification,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.notification(ServerCall.ENGINE_STATELESS, handler, notification);
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
        result = scoped.doOnSubscribe(call.onSubscribe()).doOnSuccess(call.onSuccess())
            .doOnError(call.onError()).doFinally((Consumer) call);
      }
    }
  }
}

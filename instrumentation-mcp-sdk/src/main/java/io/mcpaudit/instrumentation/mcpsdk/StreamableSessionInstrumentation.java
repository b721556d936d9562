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

/** Notifications a Streamable HTTP session receives ({@code accept(JSONRPCNotification)}). */
public final class StreamableSessionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.STREAMABLE_SESSION);
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("accept").and(takesArguments(1)).and(takesArgument(0, named(SdkNames.JSONRPC_NOTIFICATION))),
            getClass().getName() + "$NotificationAdvice",
            "accept(JSONRPCNotification)"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class NotificationAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object session,
        @Advice.Argument(0) Object notification,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.notification(ServerCall.ENGINE_STREAMABLE, session, notification);
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

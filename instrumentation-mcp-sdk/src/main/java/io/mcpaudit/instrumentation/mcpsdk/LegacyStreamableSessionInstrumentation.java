package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
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
 * Streamable HTTP requests on SDKs before the 1.1.5 / 2.1.0 refactor, dispatched by the two-argument
 * {@code responseStream}. On newer SDKs that method only delegates to the stream's {@code handle}
 * (which Spring AI transports still call), so it is instrumented only where no one-argument
 * {@code responseStream} exists; otherwise every Spring AI request would be recorded twice.
 */
public final class LegacyStreamableSessionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.STREAMABLE_SESSION)
        .and(not(declaresMethod(named("responseStream").and(takesArguments(1)))));
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("responseStream")
                .and(takesArguments(2))
                .and(takesArgument(0, named(SdkNames.JSONRPC_REQUEST))),
            getClass().getName() + "$ResponseStreamAdvice",
            "responseStream(JSONRPCRequest, McpStreamableServerTransport)"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class ResponseStreamAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.This Object session,
        @Advice.Argument(0) Object request,
        @Advice.Argument(1) Object transport,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Advice.Thrown Throwable thrown) {
      ServerCall call = AuditBridge.request(ServerCall.ENGINE_STREAMABLE, session, request);
      if (call == null) {
        return;
      }
      if (thrown != null) {
        call.thrown(thrown);
      } else if (result instanceof Mono) {
        call.respondsOn(transport);
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

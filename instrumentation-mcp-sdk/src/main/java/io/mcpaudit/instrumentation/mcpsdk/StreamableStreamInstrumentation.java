package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
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
 * Streamable HTTP requests on SDK 1.1.5+ and 2.1.0+, where dispatch moved into the per-request
 * {@code McpStreamableServerSessionStream.handle}. The Mono completes empty: the response is written
 * to the stream's transport ({@code connection}), which {@link StreamableTransportInstrumentation}
 * observes.
 */
public final class StreamableStreamInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // Before 1.1.5 / 2.1.0 the stream class exists but has no handle method; requests then go through
    // LegacyStreamableSessionInstrumentation. A handle method of another shape is reported, not skipped.
    return named(SdkNames.STREAMABLE_SESSION + "$McpStreamableServerSessionStream")
        .and(declaresMethod(named("handle")));
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("handle").and(takesArguments(1)).and(takesArgument(0, named(SdkNames.JSONRPC_REQUEST))),
            getClass().getName() + "$HandleAdvice",
            "handle(JSONRPCRequest)"),
        new MethodAdvice(
            named("sendRequest").and(takesArguments(3)).and(takesArgument(0, String.class)),
            getClass().getName() + "$SendRequestAdvice",
            "sendRequest(String, Object, TypeRef)"));
  }

  @Override
  public List<String> requiredFields() {
    return List.of("this$0", "connection");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class HandleAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(
        @Advice.FieldValue("this$0") Object session,
        @Advice.FieldValue("connection") Object transport,
        @Advice.Argument(0) Object request,
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

  /** A request to the client (sampling, elicitation, roots), made while a tool or handler runs. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class SendRequestAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static ServerCall enter(
        @Advice.FieldValue("this$0") Object session,
        @Advice.Argument(0) String method,
        @Advice.Argument(value = 1, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object params) {
      ServerCall call = AuditBridge.outbound(ServerCall.ENGINE_SERVER_REQUEST, session, method, params);
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

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import io.modelcontextprotocol.spec.McpStreamableServerSession.McpStreamableServerSessionInit;
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
 * Streamable HTTP {@code initialize}: the SDK creates the session in {@code startSession} and returns
 * the (lazy) initialize result beside it; the JSON-RPC id and transport context are not available here.
 */
public final class StreamableInitializeInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SPEC + "DefaultMcpStreamableServerSessionFactory");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("startSession").and(takesArguments(1)).and(takesArgument(0, named(SdkNames.INITIALIZE_REQUEST))),
            getClass().getName() + "$StartSessionAdvice",
            "startSession(InitializeRequest)"));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static class StartSessionAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object initializeRequest,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) {
      if (!(result instanceof McpStreamableServerSessionInit)) {
        return;
      }
      McpStreamableServerSessionInit init = (McpStreamableServerSessionInit) result;
      ServerCall call =
          AuditBridge.request(ServerCall.ENGINE_STREAMABLE_INIT, init.session(), initializeRequest);
      if (call == null || init.initResult() == null) {
        return;
      }
      Mono scoped = Propagation.enabled()
          ? init.initResult().subscribeOn(Schedulers.fromExecutor(call)) : init.initResult();
      if (AuditBridge.readsHttpFromContext(call)) { // reactive transports: HTTP facts in the Reactor context
        scoped = Mono.deferContextual((Function) call.httpFromContext(scoped));
      }
      result = new McpStreamableServerSessionInit(
          init.session(),
          scoped.doOnSubscribe(call.onSubscribe()).doOnNext(call.onNext())
              .doOnError(call.onError()).doFinally((Consumer) call));
    }
  }
}

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * HTTP identity for MCP transports on Spring WebFlux: Spring AI 2.x's own, and the SDK's {@code
 * mcp-spring-webflux} that Spring AI 1.x uses. A reactive request has no thread of its own to hang HTTP
 * facts on, and the transports may dispatch inside the response body (Streamable HTTP, SSE), which
 * Spring subscribes only when it writes the response. {@code ExceptionHandlingWebHandler.handle(exchange)},
 * which Spring puts around every WebFlux application (Spring Boot's and a bare {@code
 * RouterFunctions.toHttpHandler} alike), covers both: the Reactor context of the Mono it returns reaches every subscription made while the
 * request is handled and its response written. The exchange is put there under the agent's own key;
 * the dispatch advice copies the facts it needs when an MCP call is subscribed. Nothing the
 * application sees changes (its transport context in particular is its own object, untouched).
 */
public final class SpringWebFluxInstrumentation implements TypeInstrumentation {
  /** Spring's outermost handler around every WebFlux request: under Spring Boot, and with {@code RouterFunctions.toHttpHandler}. */
  static final String EXCEPTION_HANDLING = "org.springframework.web.server.handler.ExceptionHandlingWebHandler";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(EXCEPTION_HANDLING);
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("handle").and(takesArguments(1)).and(takesArgument(0, named("org.springframework.web.server.ServerWebExchange"))),
        getClass().getName() + "$HandleAdvice",
        "handle(ServerWebExchange)"));
  }

  public static class HandleAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.Argument(0) Object exchange,
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result) {
      if (exchange != null && result instanceof Mono && AuditBridge.isActive()) {
        AuditBridge.reactiveRequestSeen();
        result = ((Mono<?>) result).contextWrite(Context.of(AuditBridge.HTTP_CONTEXT_KEY, exchange));
      }
    }
  }
}

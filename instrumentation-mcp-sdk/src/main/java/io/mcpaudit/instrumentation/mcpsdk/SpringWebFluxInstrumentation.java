package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * HTTP identity for Spring AI's WebFlux transports (2.x's own, and the SDK's {@code mcp-spring-webflux} that
 * Spring AI 1.x uses). A reactive request has no thread of its own, but
 * these transports turn every request into an SDK transport context with their {@code contextExtractor}
 * and put it into the Reactor context of the dispatch. The extractor is decorated when the transport
 * is built, so the contexts it makes also carry the request's HTTP facts, which the dispatch advice
 * reads when the call is subscribed.
 */
public final class SpringWebFluxInstrumentation implements TypeInstrumentation {
  /** Spring AI 2.x's own transports. */
  private static final String TRANSPORT = "org.springframework.ai.mcp.server.webflux.transport.";
  /** The SDK's {@code mcp-spring-webflux} (up to 0.18/1.x), which Spring AI 1.x uses. */
  private static final String SDK_TRANSPORT = "io.modelcontextprotocol.server.transport.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        TRANSPORT + "WebFluxStreamableServerTransportProvider",
        TRANSPORT + "WebFluxSseServerTransportProvider",
        TRANSPORT + "WebFluxStatelessServerTransport",
        SDK_TRANSPORT + "WebFluxStreamableServerTransportProvider",
        SDK_TRANSPORT + "WebFluxSseServerTransportProvider",
        SDK_TRANSPORT + "WebFluxStatelessServerTransport");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(isConstructor(), getClass().getName() + "$ConstructorAdvice", "<init>(...)"));
  }

  @Override
  public List<String> requiredFields() {
    return List.of("contextExtractor");
  }

  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.FieldValue(value = "contextExtractor", readOnly = false, typing = Assigner.Typing.DYNAMIC)
            Object extractor) {
      extractor = AuditBridge.decorateExtractor(extractor);
    }
  }
}

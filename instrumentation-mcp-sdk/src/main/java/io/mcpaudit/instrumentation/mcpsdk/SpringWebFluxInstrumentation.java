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
 * HTTP identity for Spring AI's WebFlux transports. A reactive request has no thread of its own, but
 * these transports turn every request into an SDK transport context with their {@code contextExtractor}
 * and put it into the Reactor context of the dispatch. The extractor is decorated when the transport
 * is built, so the contexts it makes also carry the request's HTTP facts, which the dispatch advice
 * reads when the call is subscribed.
 */
public final class SpringWebFluxInstrumentation implements TypeInstrumentation {
  private static final String TRANSPORT = "org.springframework.ai.mcp.server.webflux.transport.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        TRANSPORT + "WebFluxStreamableServerTransportProvider",
        TRANSPORT + "WebFluxSseServerTransportProvider",
        TRANSPORT + "WebFluxStatelessServerTransport");
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

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * HTTP identity for Spring AI's WebMvc transports (Streamable HTTP, SSE, stateless). They are Spring MVC
 * functional endpoints, so they never see a servlet's {@code doPost}; their handlers run inside
 * {@code HandlerFunctionAdapter.handle(request, response, handler)}, which also writes the response, and
 * the SDK dispatches synchronously within it (the Streamable SSE writer blocks on the dispatch). The same
 * copy as for the SDK's servlets runs there, for MCP handlers only.
 */
public final class SpringWebMvcInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.web.servlet.function.support.HandlerFunctionAdapter");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("handle").and(takesArguments(3)).and(takesArgument(0, named("jakarta.servlet.http.HttpServletRequest"))),
        ServletTransportInstrumentation.class.getName() + "$DoPostAdvice",
        "handle(HttpServletRequest, HttpServletResponse, Object)"));
  }
}

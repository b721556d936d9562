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
 * The client side: every request an SDK client sends ({@code initialize} included) goes through
 * {@code McpClientSession.sendRequest(method, params, typeRef)}. Each becomes an outbound event, and the
 * parameters sent carry the request's W3C {@code traceparent} in {@code _meta} (a copy: the caller's
 * object is untouched), which a server with the agent continues.
 */
public final class ClientSessionInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SPEC + "McpClientSession");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("sendRequest").and(takesArguments(3)).and(takesArgument(0, String.class)),
        OutboundRequestAdvice.class.getName(),
        "sendRequest(String, Object, TypeRef)"));
  }
}

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The per-request transports of Streamable HTTP, where the response to a request is written rather
 * than returned. Only JSON-RPC responses matter here; requests and notifications the server sends to
 * the client on the same stream are ignored.
 */
public final class StreamableTransportInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    // the SDK's servlet transport and Spring AI's WebMvc/WebFlux ones
    return nameStartsWith("io.modelcontextprotocol.").or(nameStartsWith(SdkNames.SPRING_AI))
        .and(not(isInterface()))
        .and(hasSuperType(named(SdkNames.STREAMABLE_TRANSPORT)));
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("sendMessage").and(takesArgument(0, named(SdkNames.JSONRPC_MESSAGE))),
            getClass().getName() + "$SendMessageAdvice",
            "sendMessage(JSONRPCMessage, ...)"));
  }

  public static class SendMessageAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object transport, @Advice.Argument(0) Object message) {
      if (message instanceof McpSchema.JSONRPCResponse) {
        AuditBridge.responseSent(transport, message);
      }
    }
  }
}

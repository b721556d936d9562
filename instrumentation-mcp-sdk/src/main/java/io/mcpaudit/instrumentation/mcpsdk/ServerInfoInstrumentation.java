package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.scheduler.Schedulers;

/**
 * Learns each session-based server's name and version ({@code McpAsyncServer}): the request-handler
 * map it builds is shared with every session it creates, so the map identifies the server.
 */
public final class ServerInfoInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SERVER + "McpAsyncServer");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("prepareRequestHandlers").and(takesArguments(0)),
            getClass().getName() + "$PrepareHandlersAdvice",
            "prepareRequestHandlers()"));
  }

  @Override
  public List<String> requiredFields() {
    return List.of("serverInfo");
  }

  public static class PrepareHandlersAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(
        @Advice.FieldValue("serverInfo") Object serverInfo,
        @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object requestHandlers) {
      AuditBridge.registerServer(requestHandlers, serverInfo);
      if (Propagation.enabled()) {
        // work a request schedules (a synchronous tool moved to boundedElastic) runs with it current;
        // the same key replaces, so each server registering again is harmless
        Schedulers.onScheduleHook("mcp-audit", Propagation.scheduleHook());
      }
    }
  }
}

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import reactor.core.scheduler.Schedulers;

/**
 * Learns each stateless server's name and version ({@code McpStatelessAsyncServer}). Its constructor
 * builds the handler map locally and hands it to the handler it creates, which reported the map on
 * this thread just before (see {@link StatelessHandlerInstrumentation}).
 */
public final class StatelessServerInfoInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(SdkNames.SERVER + "McpStatelessAsyncServer");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(isConstructor(), getClass().getName() + "$ConstructorAdvice", "<init>(...)"));
  }

  @Override
  public List<String> requiredFields() {
    return List.of("serverInfo");
  }

  public static class ConstructorAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.FieldValue("serverInfo") Object serverInfo) {
      AuditBridge.statelessServerCreated(serverInfo);
      if (Propagation.enabled()) {
        // work a request schedules (a synchronous tool moved to boundedElastic) runs with it current;
        // the same key replaces, so each server registering again is harmless
        Schedulers.onScheduleHook("mcp-audit", Propagation.scheduleHook());
      }
    }
  }
}

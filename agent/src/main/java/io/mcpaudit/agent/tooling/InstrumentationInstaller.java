package io.mcpaudit.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.mcpaudit.bootstrap.AdviceErrors;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.instrumentation.api.CompatibilityCheck;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.utility.JavaModule;

/**
 * Applies the instrumentations with Byte Buddy: inlined advice only, no class-format changes (so
 * classes already loaded can be retransformed), suppressed advice exceptions counted by {@link
 * AdviceErrors}, and a type that fails {@link CompatibilityCheck} left exactly as it was.
 */
public final class InstrumentationInstaller {
  private InstrumentationInstaller() {}

  /**
   * @param jdkTypes JDK classes that {@code all} instruments (JDK classes are otherwise never touched);
   *     their modules are made to read the bootstrap bridge that the inlined advice calls
   */
  public static void install(
      Instrumentation inst, ClassLoader agentLoader, List<TypeInstrumentation> all, List<String> jdkTypes)
      throws NoSuchMethodException {
    Advice.ExceptionHandler countErrors = new Advice.ExceptionHandler.Simple(
        MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(
            AdviceErrors.class.getMethod("record", Throwable.class))));
    // Our (relocated) Byte Buddy never needs sun.misc.Unsafe: advice is inlined and nothing is injected.
    // Saying so up front avoids the JDK 24+ Unsafe deprecation warning. The property name is relocated
    // with Byte Buddy, so the application's own Byte Buddy is unaffected.
    if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
      System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
    }
    AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        // only classes that could match are retransformed; scanning every loaded class costs start-up time
        .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(alreadyLoaded(inst, jdkTypes)))
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        // inlined advice needs no type initializers, so no nexus class is injected
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
        .with(new FailureListener())
        .assureReadEdgeTo(inst, AuditBridge.class)
        .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                .and(not(namedOneOf(jdkTypes.toArray(new String[0]))))
            .or(nameStartsWith("io.mcpaudit."))
            .or(nameStartsWith("net.bytebuddy."))
            .or(nameContains("$Proxy"))
            .or(nameContains("$$Lambda")));
    for (TypeInstrumentation instrumentation : all) {
      builder = builder.type(instrumentation.typeMatcher())
          .transform(new CheckedTransformer(instrumentation, agentLoader, countErrors));
    }
    builder.installOn(inst);
  }

  /**
   * Loaded classes an instrumentation may match (they matter when the agent is attached to a running JVM):
   * the SDK's, Spring AI's MCP transports, Spring MVC's functional handler adapter, Spring WebFlux's
   * outermost handler, Micronaut MCP's and the named JDK types (every matcher starts with a name test).
   */
  private static Set<Class<?>> alreadyLoaded(Instrumentation inst, List<String> jdkTypes) {
    Set<Class<?>> candidates = new HashSet<>();
    for (Class<?> type : inst.getAllLoadedClasses()) {
      String name = type.getName();
      if ((name.startsWith(SDK_PACKAGE) || name.startsWith(SPRING_AI_PACKAGE) || name.equals(SPRING_MVC_ADAPTER)
          || name.equals(SPRING_WEBFLUX_DISPATCHER) || name.startsWith(MICRONAUT_MCP_PACKAGE) || jdkTypes.contains(name))
          && inst.isModifiableClass(type)) {
        candidates.add(type);
      }
    }
    return candidates;
  }

  private static final String SDK_PACKAGE = "io.modelcontextprotocol.";
  private static final String SPRING_AI_PACKAGE = "org.springframework.ai.mcp.";
  private static final String SPRING_MVC_ADAPTER = "org.springframework.web.servlet.function.support.HandlerFunctionAdapter";
  private static final String SPRING_WEBFLUX_DISPATCHER = "org.springframework.web.server.handler.ExceptionHandlingWebHandler";
  private static final String MICRONAUT_MCP_PACKAGE = "io.micronaut.mcp.";

  /** Checks compatibility first, then inlines each advice into its methods. */
  private static final class CheckedTransformer implements AgentBuilder.Transformer {
    private final TypeInstrumentation instrumentation;
    private final AgentBuilder.Transformer.ForAdvice advice;

    CheckedTransformer(TypeInstrumentation instrumentation, ClassLoader agentLoader, Advice.ExceptionHandler handler) {
      this.instrumentation = instrumentation;
      AgentBuilder.Transformer.ForAdvice forAdvice = new AgentBuilder.Transformer.ForAdvice()
          .include(agentLoader)
          .withExceptionHandler(handler);
      for (MethodAdvice m : instrumentation.advice()) {
        forAdvice = forAdvice.advice(m.methods(), m.adviceClass());
      }
      this.advice = forAdvice;
    }

    @Override
    public DynamicType.Builder<?> transform(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader classLoader,
        JavaModule module,
        ProtectionDomain protectionDomain) {
      String missing = CompatibilityCheck.missing(instrumentation, type);
      if (missing != null) {
        AgentLog.warnOnce("incompatible:" + type.getName() + ":" + System.identityHashCode(classLoader),
            "leaving " + type.getName() + " uninstrumented: it has no " + missing
                + " (an MCP SDK version this agent does not support)");
        return builder;
      }
      AgentLog.debug("instrumenting " + type.getName() + " with " + instrumentation.getClass().getSimpleName());
      return advice.transform(builder, type, classLoader, module, protectionDomain);
    }
  }

  /**
   * Byte Buddy errors leave the class untransformed. For SDK classes that means unaudited requests, so
   * it is a warning; for anything else (a class without a class file, say) it only matters when debugging.
   */
  private static final class FailureListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
      if (typeName.startsWith("io.modelcontextprotocol.")) {
        AgentLog.warnOnce("transform-error:" + typeName,
            "could not instrument " + typeName + "; it runs unaudited: " + throwable);
      } else {
        AgentLog.debug("not inspecting " + typeName + ": " + throwable);
      }
    }
  }
}

package io.mcpaudit.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HttpURLConnection} (and {@code HttpsURLConnection}, which delegates to it): request headers
 * are fixed once the connection is made, so they are added on entry to whichever of {@code connect},
 * {@code getOutputStream} and {@code getInputStream} the application calls first.
 */
public final class HttpUrlConnectionInstrumentation implements TypeInstrumentation {
  static final String TYPE = "sun.net.www.protocol.http.HttpURLConnection";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(TYPE);
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(named("connect").and(isPublic()).and(takesArguments(0)),
            getClass().getName() + "$ConnectAdvice", "connect()"),
        new MethodAdvice(named("getOutputStream").and(isPublic()).and(takesArguments(0)),
            getClass().getName() + "$ConnectAdvice", "getOutputStream()"),
        new MethodAdvice(named("getInputStream").and(isPublic()).and(takesArguments(0)),
            getClass().getName() + "$ConnectAdvice", "getInputStream()"));
  }

  public static class ConnectAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object connection, @Advice.FieldValue("connected") boolean connected) {
      if (!connected) {
        Propagation.decorate(connection);
      }
    }
  }
}

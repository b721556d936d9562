package io.mcpaudit.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.net.http.HttpRequest;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.net.http.HttpClient}: every {@code send} and {@code sendAsync} (JDK 17 to 25) ends in
 * the client implementation's private four-argument {@code sendAsync}. {@code HttpRequest} is
 * immutable, so the request is replaced by a copy with the headers added; the caller's object is
 * untouched (only {@code HttpResponse.request()} shows the copy).
 */
public final class HttpClientInstrumentation implements TypeInstrumentation {
  static final String TYPE = "jdk.internal.net.http.HttpClientImpl";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(TYPE);
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("sendAsync").and(isPrivate()).and(takesArguments(4))
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        getClass().getName() + "$SendAdvice",
        "private sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor)"));
  }

  public static class SendAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
      String traceparent = Propagation.outgoingTraceparent();
      if (traceparent == null || request == null || request.headers().firstValue("traceparent").isPresent()) {
        return;
      }
      HttpRequest.Builder copy = HttpRequest.newBuilder(request, Propagation.KEEP_ALL_HEADERS)
          .header("traceparent", traceparent);
      String header = Propagation.outgoingCorrelationHeader();
      if (header != null && !header.isEmpty() && request.headers().firstValue(header).isEmpty()) {
        copy.header(header, Propagation.outgoingCorrelationId());
      }
      request = copy.build();
    }
  }
}

package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.HttpHeaderNames;
import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The SDK's servlet transports. The SDK's default transport context is empty, so the HTTP facts an
 * audit needs (peer address, auth scheme, correlation headers) are copied here, on the request
 * thread, while the request object is still valid. The servlet transports dispatch synchronously
 * inside {@code doPost} (they block on the dispatch Mono), so a thread-local scope reaches the
 * dispatch advice.
 */
public final class ServletTransportInstrumentation implements TypeInstrumentation {
  private static final String TRANSPORT = "io.modelcontextprotocol.server.transport.";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf(
        TRANSPORT + "HttpServletSseServerTransportProvider",
        TRANSPORT + "HttpServletStreamableServerTransportProvider",
        TRANSPORT + "HttpServletStatelessServerTransport");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(
        new MethodAdvice(
            named("doPost").and(takesArguments(2)),
            getClass().getName() + "$DoPostAdvice",
            "doPost(HttpServletRequest, HttpServletResponse)"));
  }

  /**
   * Copies the HTTP facts into the request scope. Also applied to Spring MVC's functional handler
   * adapter ({@link SpringWebMvcInstrumentation}), whose third argument is the handler: only MCP
   * transports' handlers are looked at there.
   */
  public static class DoPostAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(
        @Advice.Argument(0) Object request, @Advice.Argument(value = 2, optional = true) Object handler) {
      if (!AuditBridge.isActive() || !(request instanceof HttpServletRequest)
          || (handler != null && !AuditBridge.isMcpHandler(handler))) {
        return null;
      }
      HttpServletRequest http = (HttpServletRequest) request;
      HttpRequestInfo info = new HttpRequestInfo();
      info.remoteAddr = http.getRemoteAddr();
      info.remotePort = http.getRemotePort();
      info.contentLength = http.getContentLengthLong();
      HttpHeaderNames wanted = AuditBridge.httpHeaders();
      String[] values = new String[wanted.count()];
      for (int i = 0; i < values.length; i++) {
        values[i] = wanted.allLines(i)
            ? HttpHeaderNames.joinLines(http.getHeaders(wanted.name(i))) : http.getHeader(wanted.name(i));
      }
      info.setHeaders(wanted, values);
      if (http.isSecure()) {
        Object chain = http.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain instanceof X509Certificate[] && ((X509Certificate[]) chain).length > 0) {
          info.clientCertificate = ((X509Certificate[]) chain)[0];
        }
      }
      return AuditBridge.enterHttp(info);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Enter Object token) {
      AuditBridge.exitHttp(token);
    }
  }
}

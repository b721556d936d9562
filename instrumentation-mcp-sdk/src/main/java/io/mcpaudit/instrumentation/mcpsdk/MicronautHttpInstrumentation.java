package io.mcpaudit.instrumentation.mcpsdk;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.HttpHeaderNames;
import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.instrumentation.api.MethodAdvice;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * HTTP identity for Micronaut MCP's HTTP transport: its own controller on Netty, which calls the SDK's
 * stateless handler ({@code McpStatelessServerHandler.handleRequest}) synchronously inside
 * {@code handlePost(HttpRequest, Map)}. The request's facts are copied into the thread-local HTTP scope
 * there, as for the SDK's servlets.
 */
public final class MicronautHttpInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("io.micronaut.mcp.server.stateless.McpController");
  }

  @Override
  public List<MethodAdvice> advice() {
    return List.of(new MethodAdvice(
        named("handlePost").and(takesArguments(2)),
        getClass().getName() + "$HandlePostAdvice",
        "handlePost(HttpRequest, Map)"));
  }

  public static class HandlePostAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) Object request) {
      if (!AuditBridge.isActive() || !(request instanceof HttpRequest)) {
        return null;
      }
      HttpRequest<?> http = (HttpRequest<?>) request;
      HttpRequestInfo info = new HttpRequestInfo();
      InetSocketAddress peer = http.getRemoteAddress();
      if (peer != null) {
        info.remoteAddr = peer.getAddress() != null ? peer.getAddress().getHostAddress() : peer.getHostString();
        info.remotePort = peer.getPort();
      }
      info.contentLength = http.getContentLength();
      HttpHeaders headers = http.getHeaders();
      HttpHeaderNames wanted = AuditBridge.httpHeaders();
      String[] values = new String[wanted.count()];
      for (int i = 0; i < values.length; i++) {
        values[i] = wanted.allLines(i) ? HttpHeaderNames.joinLines(headers.getAll(wanted.name(i))) : headers.get(wanted.name(i));
      }
      info.setHeaders(wanted, values);
      if (http.isSecure()) {
        Certificate certificate = http.getCertificate().orElse(null);
        if (certificate instanceof X509Certificate) {
          info.clientCertificate = (X509Certificate) certificate;
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

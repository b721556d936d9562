package io.mcpaudit.bootstrap;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies the audit's HTTP facts from a Spring WebFlux {@code ServerWebExchange} (headers, peer, TLS
 * client certificate), by reflection: the agent cannot link to the application's Spring. Public methods
 * are looked up once per class and name. Runs when an MCP dispatch is subscribed, while the exchange is
 * live; reactive request objects are not recycled as servlet ones are.
 */
final class ReactiveRequests {
  private static final Object MISSING = new Object();
  private static final ClassValue<Map<String, Object>> METHODS = new ClassValue<>() {
    @Override
    protected Map<String, Object> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private ReactiveRequests() {}

  static HttpRequestInfo copy(Object exchange) {
    Object request = call(exchange, "getRequest");
    if (request == null) {
      return null;
    }
    HttpRequestInfo info = new HttpRequestInfo();
    if (call(request, "getRemoteAddress") instanceof InetSocketAddress a) {
      info.remoteAddr = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
      info.remotePort = a.getPort();
    }
    Object headers = call(request, "getHeaders");
    if (call(headers, "getContentLength") instanceof Long length) {
      info.contentLength = length;
    }
    HttpHeaderNames wanted = AuditBridge.httpHeaders();
    String[] values = new String[wanted.count()];
    for (int i = 0; i < values.length; i++) {
      values[i] = wanted.allLines(i)
          ? HttpHeaderNames.joinLines(call(headers, "get", wanted.name(i)) instanceof Iterable<?> lines ? lines : null)
          : call(headers, "getFirst", wanted.name(i)) instanceof String value ? value : null;
    }
    info.setHeaders(wanted, values);
    Object ssl = call(request, "getSslInfo");
    if (call(ssl, "getPeerCertificates") instanceof X509Certificate[] chain && chain.length > 0) {
      info.clientCertificate = chain[0];
    }
    return info;
  }

  private static Object call(Object target, String name, Object... args) {
    if (target == null) {
      return null;
    }
    Object method = METHODS.get(target.getClass()).computeIfAbsent(name + "/" + args.length,
        key -> find(target.getClass(), name, args.length));
    if (method == MISSING) {
      return null;
    }
    try {
      return ((Method) method).invoke(target, args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object find(Class<?> type, String name, int parameters) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == parameters
          && (parameters == 0 || m.getParameterTypes()[0] == String.class || m.getParameterTypes()[0] == Object.class)) {
        try {
          m.setAccessible(true); // a public method of a non-public implementation class
          return m;
        } catch (RuntimeException e) {
          return MISSING;
        }
      }
    }
    return MISSING;
  }
}

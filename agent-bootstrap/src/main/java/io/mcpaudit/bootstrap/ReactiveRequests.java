package io.mcpaudit.bootstrap;

import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies the audit's HTTP facts from a Spring WebFlux {@code ServerRequest} (headers, peer, TLS client
 * certificate), by reflection: the agent cannot link to the application's Spring. Public methods are
 * looked up once per class and name.
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

  static HttpRequestInfo copy(Object request) {
    HttpRequestInfo info = new HttpRequestInfo();
    Object headers = call(request, "headers");
    if (call(request, "remoteAddress") instanceof Optional<?> peer && peer.orElse(null) instanceof InetSocketAddress a) {
      info.remoteAddr = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
      info.remotePort = a.getPort();
    }
    if (call(headers, "contentLength") instanceof OptionalLong length) {
      info.contentLength = length.orElse(-1);
    }
    HttpHeaderNames wanted = AuditBridge.httpHeaders();
    String[] names = wanted.names();
    String[] values = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      values[i] = header(headers, names[i]);
    }
    info.setHeaders(wanted, values);
    Object ssl = call(call(call(request, "exchange"), "getRequest"), "getSslInfo");
    if (call(ssl, "getPeerCertificates") instanceof X509Certificate[] chain && chain.length > 0) {
      info.clientCertificate = chain[0];
    }
    return info;
  }

  private static String header(Object headers, String name) {
    return call(headers, "firstHeader", name) instanceof String value ? value : null;
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
          && (parameters == 0 || m.getParameterTypes()[0] == String.class)) {
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

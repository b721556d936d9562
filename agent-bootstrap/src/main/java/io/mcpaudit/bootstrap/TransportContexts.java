package io.mcpaudit.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Reactive transports have no request thread to hang HTTP facts on, but they already hand the SDK a
 * transport context made by their {@code McpTransportContextExtractor}, and put it into the Reactor
 * context of the dispatch. A decorated extractor returns contexts that also answer {@link
 * AuditBridge#HTTP_CONTEXT_KEY} with the request's {@link HttpRequestInfo}; everything else is
 * delegated to the original, so the application sees the same values.
 */
final class TransportContexts {
  private TransportContexts() {}

  static Object decorate(Object extractor) {
    if (extractor == null || extractor instanceof Proxy && Proxy.getInvocationHandler(extractor) instanceof Extractor) {
      return extractor;
    }
    Class<?> iface = extractorInterface(extractor.getClass());
    if (iface == null) {
      return extractor;
    }
    return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, new Extractor(extractor));
  }

  private static Class<?> extractorInterface(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().endsWith(".McpTransportContextExtractor")) {
          return i;
        }
      }
    }
    return null;
  }

  private record Extractor(Object original) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object result = forward(original, method, args);
      if (method.getName().equals("extract") && args != null && args.length == 1 && AuditBridge.isActive()
          && method.getReturnType().isInterface() && result != null) {
        HttpRequestInfo info;
        try {
          info = ReactiveRequests.copy(args[0]);
        } catch (Throwable t) {
          AdviceErrors.record(t);
          return result;
        }
        return Proxy.newProxyInstance(method.getReturnType().getClassLoader(),
            new Class<?>[] {method.getReturnType()}, new Context(result, info));
      }
      return result;
    }
  }

  private record Context(Object original, HttpRequestInfo info) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("get") && args != null && args.length == 1 && AuditBridge.HTTP_CONTEXT_KEY.equals(args[0])) {
        return info;
      }
      return forward(original, method, args);
    }
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      method.setAccessible(true);
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause(); // the application's own exception, unchanged
    }
  }

  /** The audit's HTTP facts inside an SDK transport context made by a decorated extractor, or null. */
  static Object httpOf(Object transportContext) {
    if (transportContext instanceof Proxy && Proxy.getInvocationHandler(transportContext) instanceof Context c) {
      return c.info();
    }
    return null;
  }
}

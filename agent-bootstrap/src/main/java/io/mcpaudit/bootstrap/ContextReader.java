package io.mcpaudit.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Reads one key of a Reactor {@code ContextView} without linking to Reactor: through the public
 * {@code getOrDefault(Object, Object)} of the {@code reactor.util.context.ContextView} interface the
 * object implements, found once per context class.
 */
final class ContextReader {
  private static final ClassValue<MethodHandle> GET_OR_DEFAULT = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getSuperclass()) {
        for (Class<?> iface : c.getInterfaces()) {
          MethodHandle found = find(iface);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    }
  };

  private ContextReader() {}

  static Object get(Object contextView, Object key) {
    if (contextView == null) {
      return null;
    }
    MethodHandle handle = GET_OR_DEFAULT.get(contextView.getClass());
    try {
      return handle == null ? null : handle.invoke(contextView, key, null);
    } catch (Throwable t) {
      return null;
    }
  }

  /** The interface's (or a super-interface's) getOrDefault when it is Reactor's ContextView. */
  private static MethodHandle find(Class<?> iface) {
    if (iface.getName().equals("reactor.util.context.ContextView")) {
      try {
        return MethodHandles.publicLookup().findVirtual(iface, "getOrDefault",
                MethodType.methodType(Object.class, Object.class, Object.class))
            .asType(MethodType.methodType(Object.class, Object.class, Object.class, Object.class));
      } catch (ReflectiveOperationException e) {
        return null;
      }
    }
    for (Class<?> parent : iface.getInterfaces()) {
      MethodHandle found = find(parent);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}

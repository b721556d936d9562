package io.mcpaudit.bootstrap.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a {@code traceparent} into the {@code _meta} of outgoing request parameters without touching the
 * caller's objects: a map is copied, an SDK request record ({@code CallToolRequest(name, arguments, meta)}
 * and the like) is rebuilt through its canonical constructor with a copied {@code meta}; a request without
 * parameters ({@code ping}) gets {@code {"_meta": {...}}}, which the protocol allows on every request. Any
 * other kind of object is sent as it was.
 */
public final class MetaInjection {
  private static final ClassValue<Rebuilder> REBUILDERS = new ClassValue<>() {
    @Override
    protected Rebuilder computeValue(Class<?> type) {
      return Rebuilder.of(type);
    }
  };

  private MetaInjection() {}

  public static Object withTraceparent(Object params, String traceparent) {
    try {
      if (params == null) {
        Map<String, Object> only = new LinkedHashMap<>();
        only.put("_meta", withEntry(null, traceparent));
        return only;
      }
      if (params instanceof Map<?, ?> map) {
        Map<Object, Object> copy = new LinkedHashMap<>(map);
        copy.put("_meta", withEntry(map.get("_meta"), traceparent));
        return copy;
      }
      Rebuilder rebuilder = REBUILDERS.get(params.getClass());
      return rebuilder == null ? params : rebuilder.rebuild(params, traceparent);
    } catch (Throwable t) {
      return params; // sent unchanged: never fail the application's request
    }
  }

  private static Map<String, Object> withEntry(Object meta, String traceparent) {
    Map<String, Object> copy = new LinkedHashMap<>();
    if (meta instanceof Map<?, ?> existing) {
      existing.forEach((k, v) -> copy.put(String.valueOf(k), v));
    }
    copy.put("traceparent", traceparent);
    return copy;
  }

  /** A record with a {@code Map meta} component, rebuilt with a new meta. */
  private record Rebuilder(MethodHandle[] accessors, int metaIndex, MethodHandle constructor) {
    static Rebuilder of(Class<?> type) {
      if (!type.isRecord()) {
        return null;
      }
      try {
        RecordComponent[] components = type.getRecordComponents();
        MethodHandle[] accessors = new MethodHandle[components.length];
        Class<?>[] types = new Class<?>[components.length];
        int metaIndex = -1;
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          components[i].getAccessor().setAccessible(true);
          accessors[i] = MethodHandles.lookup().unreflect(components[i].getAccessor());
          if (components[i].getName().equals("meta") && types[i] == Map.class) {
            metaIndex = i;
          }
        }
        if (metaIndex < 0) {
          return null;
        }
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return new Rebuilder(accessors, metaIndex, MethodHandles.lookup().unreflectConstructor(canonical));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }

    Object rebuild(Object record, String traceparent) throws Throwable {
      Object[] args = new Object[accessors.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = accessors[i].invoke(record);
      }
      args[metaIndex] = withEntry(args[metaIndex], traceparent);
      return constructor.invokeWithArguments(args);
    }
  }
}

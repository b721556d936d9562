package io.mcpaudit.exporter.pipeline.mapping;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads SDK objects without linking to the SDK: the agent's class loader cannot see the
 * application's SDK classes, and several SDK versions may be loaded at once. Accessors are looked up
 * once per class and member name. Only the exporter thread calls this.
 */
final class Reflect {
  private static final Object MISSING = new Object();
  private static final ClassValue<Map<String, Object>> methods = new ClassValue<>() {
    @Override
    protected Map<String, Object> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };
  private static final ClassValue<Map<String, Object>> fields = new ClassValue<>() {
    @Override
    protected Map<String, Object> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  private Reflect() {}

  /** Calls the public no-argument method {@code name}, or returns null when there is none. */
  static Object call(Object target, String name) {
    if (target == null) {
      return null;
    }
    Object method = methods.get(target.getClass()).computeIfAbsent(name, n -> findMethod(target.getClass(), n));
    if (method == MISSING) {
      return null;
    }
    try {
      return ((Method) method).invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Reads the field {@code name} declared by the object's class or a superclass, or null. */
  static Object field(Object target, String name) {
    if (target == null) {
      return null;
    }
    Object field = fields.get(target.getClass()).computeIfAbsent(name, n -> findField(target.getClass(), n));
    if (field == MISSING) {
      return null;
    }
    try {
      return ((Field) field).get(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** {@code map.get(key)} for a Map, else the record-style accessor {@code key()}. */
  static Object member(Object mapOrRecord, String key) {
    if (mapOrRecord instanceof Map<?, ?> map) {
      return map.get(key);
    }
    return call(mapOrRecord, key);
  }

  private static Object findMethod(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      try {
        m.setAccessible(true); // public method of a non-public class
      } catch (RuntimeException ignored) {
        // still callable when the class is public
      }
      return m;
    } catch (NoSuchMethodException | RuntimeException e) {
      return MISSING;
    }
  }

  private static Object findField(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // try the superclass
      } catch (RuntimeException e) {
        return MISSING; // a named module that does not open the package
      }
    }
    return MISSING;
  }
}

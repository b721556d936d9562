package io.mcpaudit.bootstrap.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The application's logging context maps, as its class loader sees them: SLF4J's {@code MDC} (which
 * Logback, and Log4j2 through its SLF4J binding, print with {@code %X}) and Log4j2's {@code
 * ThreadContext} when present. Looked up once per class loader; a loader that has neither gets a
 * context that does nothing.
 */
final class LogContext {
  private static final MethodType PUT = MethodType.methodType(void.class, String.class, String.class);
  private static final MethodType GET = MethodType.methodType(String.class, String.class);
  private static final MethodType REMOVE = MethodType.methodType(void.class, String.class);
  private static final LogContext NONE = new LogContext(null, null);

  private final MethodHandle[] slf4j;
  private final MethodHandle[] log4j;

  private LogContext(MethodHandle[] slf4j, MethodHandle[] log4j) {
    this.slf4j = slf4j;
    this.log4j = log4j;
  }

  private static final ClassValue<LogContext> BY_CLASS = new ClassValue<>() {
    @Override
    protected LogContext computeValue(Class<?> type) {
      ClassLoader loader = type.getClassLoader();
      MethodHandle[] slf4j = find(loader, "org.slf4j.MDC", GET);
      MethodHandle[] log4j = find(loader, "org.apache.logging.log4j.ThreadContext", GET);
      return slf4j == null && log4j == null ? NONE : new LogContext(slf4j, log4j);
    }
  };

  /** The logging context visible to {@code type}'s class loader. */
  static LogContext of(Class<?> type) {
    return BY_CLASS.get(type);
  }

  /** Current value of {@code key}, SLF4J first. */
  String get(String key) {
    String value = call(slf4j, 0, key, null);
    return value != null ? value : call(log4j, 0, key, null);
  }

  /** Sets {@code key}, or removes it when {@code value} is null. */
  void set(String key, String value) {
    int op = value == null ? 2 : 1;
    call(slf4j, op, key, value);
    call(log4j, op, key, value);
  }

  private static String call(MethodHandle[] handles, int op, String key, String value) {
    if (handles == null) {
      return null;
    }
    try {
      return switch (op) {
        case 0 -> (String) handles[0].invokeExact(key);
        case 1 -> {
          handles[1].invokeExact(key, value);
          yield null;
        }
        default -> {
          handles[2].invokeExact(key);
          yield null;
        }
      };
    } catch (Throwable t) {
      return null; // a logging backend that fails must not fail the request
    }
  }

  private static MethodHandle[] find(ClassLoader loader, String className, MethodType get) {
    try {
      Class<?> type = Class.forName(className, false, loader);
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      return new MethodHandle[] {
          lookup.findStatic(type, "get", get),
          lookup.findStatic(type, "put", PUT),
          lookup.findStatic(type, "remove", REMOVE)};
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}

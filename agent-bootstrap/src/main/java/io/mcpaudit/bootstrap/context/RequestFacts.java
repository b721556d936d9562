package io.mcpaudit.bootstrap.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The two facts the request path needs from an SDK message before it is handled: the {@code
 * traceparent} in its {@code _meta}, and the tool name of a {@code tools/call}. Read through
 * record accessors found once per class, since the SDK's classes are not visible here and several
 * SDK versions may be loaded at once.
 */
public final class RequestFacts {
  private static final ClassValue<MethodHandle> PARAMS = accessor("params");
  private static final ClassValue<MethodHandle> METHOD = accessor("method");
  private static final ClassValue<MethodHandle> META = accessor("meta");

  private RequestFacts() {}

  /** The {@code traceparent} in {@code _meta} of a JSON-RPC request or a typed request record, or null. */
  public static Object metaTraceparent(Object message) {
    Object params = invoke(PARAMS, message);
    Object meta = params instanceof Map<?, ?> map ? map.get("_meta") : invoke(META, params == null ? message : params);
    return meta instanceof Map<?, ?> map ? map.get("traceparent") : null;
  }

  /**
   * The tool a {@code tools/call} request names, for the application's log context, or null for anything
   * else. The name is client-controlled and lands in the application's own log lines, so the rule for
   * correlation ids applies: only plain token characters, at most 128 of them; any other name (one with a
   * line break that would forge a log line, say) is not put there at all.
   */
  public static String toolName(Object message) {
    if (!"tools/call".equals(invoke(METHOD, message))) {
      return null;
    }
    Object params = invoke(PARAMS, message);
    return params instanceof Map<?, ?> map && map.get("name") instanceof String name
        && TraceContext.isSafeCorrelationValue(name) ? name : null;
  }

  private static Object invoke(ClassValue<MethodHandle> accessor, Object target) {
    if (target == null) {
      return null;
    }
    MethodHandle handle = accessor.get(target.getClass());
    if (handle == null) {
      return null;
    }
    try {
      return handle.invoke(target);
    } catch (Throwable t) {
      return null;
    }
  }

  private static ClassValue<MethodHandle> accessor(String name) {
    return new ClassValue<>() {
      @Override
      protected MethodHandle computeValue(Class<?> type) {
        try {
          Method m = type.getMethod(name);
          m.setAccessible(true); // a public accessor of a non-public class
          return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
          return null;
        }
      }
    };
  }
}

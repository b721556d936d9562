package io.mcpaudit.instrumentation.jdkhttp;

import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;

/**
 * Outgoing HTTP calls made with the JDK's own clients while an MCP request is handled carry that
 * request's {@code traceparent} (as a child of the request's span) and correlation header.
 */
public final class JdkHttpInstrumentations {
  private JdkHttpInstrumentations() {}

  public static List<TypeInstrumentation> all() {
    return List.of(new HttpClientInstrumentation(), new HttpUrlConnectionInstrumentation());
  }

  /** JDK-internal type names these instrumentations match; the installer must not ignore them. */
  public static List<String> jdkTypeNames() {
    return List.of(HttpClientInstrumentation.TYPE, HttpUrlConnectionInstrumentation.TYPE);
  }
}

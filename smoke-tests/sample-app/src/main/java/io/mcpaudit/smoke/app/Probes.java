package io.mcpaudit.smoke.app;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;

/**
 * Tools that probe what the audit agent may never do, registered only when a test asks for them
 * ({@code -Dsample.probes=true}): leak what a tool's exception says, change the objects the application's
 * own code receives, or let application code tap or replace the audit path.
 */
final class Probes {
  /** Planted in error messages: a card number, an e-mail address and an API key, which must never reach the trail. */
  static final String PLANTED = "card 4111111111111111 of alice@example.com, key sk_live_51H8d2kLmN0pQrStUvWxYz";
  static final boolean ENABLED = Boolean.getBoolean("sample.probes");

  private Probes() {}

  static final String[] NAMES = {"leak_exception", "leak_invalid", "context_check", "bridge_probe"};

  /** Runs a probe; {@code transportContext} is what the SDK handed the tool (for context_check). */
  static McpSchema.CallToolResult call(String tool, Object transportContext) {
    return switch (tool) {
      // a tool whose exception quotes what it was working on, as JDBC and Jackson errors do
      case "leak_exception" -> throw new IllegalStateException("lookup failed for " + PLANTED);
      // an invalid-params error the application raises on purpose, still quoting data
      case "leak_invalid" -> throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
          .message("invalid customer: " + PLANTED).build();
      case "context_check" -> text(describeContext(transportContext));
      case "bridge_probe" -> text(probeBridge());
      default -> throw new IllegalArgumentException(tool);
    };
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
  }

  /**
   * What an application sees of its transport context: its class, and whether it is the SDK's {@code EMPTY}
   * (compared by identity, as application code does). Read reflectively: the SDK moved the type between
   * lines.
   */
  static String describeContext(Object context) {
    if (context == null) {
      return "context=null";
    }
    Object empty = null;
    for (Class<?> type : context.getClass().getInterfaces()) {
      if (type.getSimpleName().equals("McpTransportContext")) {
        empty = staticField(type, "EMPTY");
      }
    }
    if (empty == null) {
      try {
        empty = staticField(Class.forName("io.modelcontextprotocol.common.McpTransportContext", false,
            context.getClass().getClassLoader()), "EMPTY");
      } catch (ClassNotFoundException ignored) {
        // an SDK line without it
      }
    }
    return "context=" + context.getClass().getName() + " empty=" + (context == empty)
        + " proxy=" + Proxy.isProxyClass(context.getClass());
  }

  private static Object staticField(Class<?> type, String name) {
    try {
      return type.getField(name).get(null);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /**
   * Whether the agent's own classes (the pipeline, the integrity chain and its keys) can be loaded by name from the
   * application's class loader or the system class loader: they must not be.
   */
  private static String agentClasses() {
    for (String name : new String[] {"io.mcpaudit.exporter.integrity.Integrity", "io.mcpaudit.exporter.pipeline.AuditPipeline"}) {
      for (ClassLoader loader : new ClassLoader[] {Probes.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
        try {
          Class.forName(name, false, loader);
          return "visible";
        } catch (ClassNotFoundException expected) {
          // hidden, as it should be
        }
      }
    }
    return "hidden";
  }

  /**
   * Application code trying to connect its own sink to the audit bridge, to get its credential reader, and
   * looking for a public way to the raw Authorization header. Without the agent the bridge is not there.
   */
  static String probeBridge() {
    try {
      Class<?> bridge = Class.forName("io.mcpaudit.bootstrap.AuditBridge");
      Class<?> sinkType = Class.forName("io.mcpaudit.bootstrap.CallSink");
      Object tap = Proxy.newProxyInstance(Probes.class.getClassLoader(), new Class<?>[] {sinkType},
          (proxy, method, args) -> method.getName().equals("accept") ? Boolean.TRUE : null);
      Object installed = bridge.getMethod("install", sinkType).invoke(null, tap);
      Object reader = bridge.getMethod("credentialReader").invoke(null);
      Class<?> info = Class.forName("io.mcpaudit.bootstrap.HttpRequestInfo");
      int publicCredentialMembers = 0;
      for (Field f : info.getFields()) {
        publicCredentialMembers += f.getName().toLowerCase().contains("auth") && Modifier.isPublic(f.getModifiers()) ? 1 : 0;
      }
      for (Method m : info.getMethods()) {
        publicCredentialMembers += m.getName().toLowerCase().contains("auth") && m.getReturnType() == String.class ? 1 : 0;
      }
      return "install=" + installed + " reader=" + reader + " public_credential_members=" + publicCredentialMembers
          + " agent_classes=" + agentClasses();
    } catch (ClassNotFoundException noAgent) {
      return "no agent";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "probe failed: " + e;
    }
  }
}

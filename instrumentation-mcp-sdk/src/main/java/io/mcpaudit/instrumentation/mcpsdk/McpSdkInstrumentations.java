package io.mcpaudit.instrumentation.mcpsdk;

import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.util.List;

/** Everything the agent instruments in the MCP Java SDK: the server engines and transports, and the client session. */
public final class McpSdkInstrumentations {
  private McpSdkInstrumentations() {}

  public static List<TypeInstrumentation> all() {
    return List.of(
        new ServerSessionInstrumentation(),
        new StreamableStreamInstrumentation(),
        new LegacyStreamableSessionInstrumentation(),
        new StreamableSessionInstrumentation(),
        new StreamableInitializeInstrumentation(),
        new StreamableTransportInstrumentation(),
        new StatelessHandlerInstrumentation(),
        new ServerInfoInstrumentation(),
        new StatelessServerInfoInstrumentation(),
        new ServletTransportInstrumentation(),
        new SpringWebMvcInstrumentation(),
        new MicronautHttpInstrumentation(),
        new SpringWebFluxInstrumentation(),
        new ClientSessionInstrumentation());
  }
}

package io.mcpaudit.smoke.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The sample MCP server as a Micronaut application on Micronaut MCP, as a Micronaut user would write it:
 * the tools, resource and prompt are annotated methods of beans ({@link SampleFeatures}); Micronaut MCP
 * builds the SDK server and serves it. Usage: {@code MicronautSampleServer stdio|stateless [port]}.
 * Micronaut MCP's HTTP transport is its own stateless controller on Netty; over HTTP it binds 127.0.0.1 and
 * prints {@code LISTENING <port>}.
 */
public final class MicronautSampleServer {
  private MicronautSampleServer() {}

  public static void main(String[] args) {
    boolean stdio = args[0].equals("stdio");
    Micronaut.build(args).mainClass(MicronautSampleServer.class).banner(false)
        .properties(Map.of(
            "micronaut.mcp.server.transport", stdio ? "STDIO" : "HTTP",
            "micronaut.mcp.server.info.name", "sample-server",
            "micronaut.mcp.server.info.version", "1.2.3",
            "micronaut.server.host", "127.0.0.1",
            "micronaut.server.port", args.length > 1 && !args[1].equals("0") ? args[1] : "-1"))
        .start();
  }

  /**
   * Tells the test which port the HTTP server took. Not over stdio: standard output carries the protocol
   * there (Netty on the class path starts anyway; the MCP server then runs beside it on stdin/stdout).
   */
  @Singleton
  @Requires(property = "micronaut.mcp.server.transport", value = "HTTP")
  static final class PortAnnouncer implements ApplicationEventListener<ServerStartupEvent> {
    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
      System.out.println("LISTENING " + event.getSource().getPort());
      System.out.flush();
    }
  }
}

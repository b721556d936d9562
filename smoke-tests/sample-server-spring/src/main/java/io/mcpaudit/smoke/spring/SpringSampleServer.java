package io.mcpaudit.smoke.spring;

import io.mcpaudit.smoke.app.SampleServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The sample MCP server as a Spring Boot application on the Spring AI MCP server starter (WebMvc or, built
 * by sample-server-spring-webflux, WebFlux; the same source also builds on Spring AI 1.1 with Boot 3), as a
 * Spring user would write it: the tools, resource and prompt are beans; Spring AI builds the server and
 * its transport. Usage: {@code SpringSampleServer streamable|sse|stateless [port]}; binds 127.0.0.1 and
 * prints {@code LISTENING <port>}.
 */
@SpringBootApplication
public class SpringSampleServer {

  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(SpringSampleServer.class);
    app.setDefaultProperties(Map.of(
        "server.address", "127.0.0.1",
        "server.port", args.length > 1 ? args[1] : "0",
        "spring.main.banner-mode", "off",
        // an open SSE stream would hold a graceful shutdown for its full 30 s timeout
        "server.shutdown", "immediate",
        "spring.ai.mcp.server.name", "sample-server",
        "spring.ai.mcp.server.version", "1.2.3",
        "spring.ai.mcp.server.protocol", args[0].toUpperCase(Locale.ROOT)));
    app.run(args);
  }

  @Bean
  List<McpServerFeatures.SyncToolSpecification> tools() {
    return SampleServer.sessionTools();
  }

  @Bean
  List<McpServerFeatures.SyncResourceSpecification> resources() {
    return List.of(SampleServer.sessionResource());
  }

  @Bean
  List<McpServerFeatures.SyncPromptSpecification> prompts() {
    return List.of(SampleServer.sessionPrompt());
  }

  @Bean
  List<McpStatelessServerFeatures.SyncToolSpecification> statelessTools() {
    return SampleServer.statelessTools();
  }

  @Bean
  List<McpStatelessServerFeatures.SyncResourceSpecification> statelessResources() {
    return List.of(SampleServer.statelessResource());
  }

  @Bean
  List<McpStatelessServerFeatures.SyncPromptSpecification> statelessPrompts() {
    return List.of(SampleServer.statelessPrompt());
  }

  /** The port, from the property Spring Boot sets once its web server listens (in Boot 3 and 4 alike). */
  @Bean
  ApplicationListener<ApplicationReadyEvent> announcePort() {
    return event -> {
      System.out.println("LISTENING " + event.getApplicationContext().getEnvironment().getProperty("local.server.port"));
      System.out.flush();
    };
  }
}

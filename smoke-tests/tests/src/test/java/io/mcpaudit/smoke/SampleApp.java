package io.mcpaudit.smoke;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A sample server module built by this project, with the class path Maven recorded for it. */
enum SampleApp {
  SDK_2_1("sample-server-sdk-2.1", "2.1.0", "io.mcpaudit.smoke.app.SampleServer", "MCP Java SDK 2.1.0, its servlet transports on Tomcat"),
  SDK_2_0("sample-server-sdk-2.0", "2.0.1", "io.mcpaudit.smoke.app.SampleServer", "MCP Java SDK 2.0.1, its servlet transports on Tomcat"),
  SDK_1_1("sample-server-sdk-1.1", "1.1.5", "io.mcpaudit.smoke.app.SampleServer", "MCP Java SDK 1.1.5, its servlet transports on Tomcat"),
  SDK_1_0("sample-server-sdk-1.0", "1.0.2", "io.mcpaudit.smoke.app.SampleServer", "MCP Java SDK 1.0.2, its servlet transports on Tomcat"),
  /** The last line on Jackson 2 ({@code mcp} = core + jackson2). */
  SDK_0_18("sample-server-sdk-0.18", "0.18.4", "io.mcpaudit.smoke.app.SampleServer",
      "MCP Java SDK 0.18.4 (Jackson 2), its servlet transports on Tomcat"),
  /** SDK lines before 0.18 (the sample's shared source, their own transports); the 2.1.0 client drives them. */
  SDK_0_17("sample-server-sdk-0.17", "0.17.2", "MCP Java SDK 0.17.2 (`mcp-core` + `mcp-json-jackson2`), its servlet transports on Tomcat"),
  SDK_0_14("sample-server-sdk-0.14", "0.14.1", "MCP Java SDK 0.14.1 (`JSONRPCError.code()` is an `Integer`), its servlet transports on Tomcat"),
  SDK_0_12("sample-server-sdk-0.12", "0.12.1", "MCP Java SDK 0.12.1 (Jackson `ObjectMapper` API), its servlet transports on Tomcat"),
  SDK_0_11("sample-server-sdk-0.11", "0.11.3", "MCP Java SDK 0.11.3 (`McpTransportContext` in `server`), its servlet transports on Tomcat"),
  /**
   * The last release before the session engine took the transport context (0.11.3): Streamable HTTP and
   * stateless are audited; stdio and HTTP+SSE are left alone with one WARN ({@code OlderSdkLineTest}).
   */
  SDK_0_11_2("sample-server-sdk-0.11.2", "0.11.2", "MCP Java SDK 0.11.2 (session engine not instrumented), its servlet transports on Tomcat"),
  /** The same Spring application on Spring AI 1.1.2 and Boot 3.5, whose transports are the SDK's mcp-spring-webmvc 0.17.0. */
  SPRING_AI_1("sample-server-spring-1.1", "0.17.0", "io.mcpaudit.smoke.spring.SpringSampleServer",
      "Spring AI 1.1.2 WebMvc starter (Spring Boot 3.5, Tomcat; the SDK's `mcp-spring-webmvc`), SDK 0.17.0"),
  SPRING_AI_1_WEBFLUX("sample-server-spring-1.1-webflux", "0.17.0", "io.mcpaudit.smoke.spring.SpringSampleServer",
      "Spring AI 1.1.2 WebFlux starter (Spring Boot 3.5, Reactor Netty; the SDK's `mcp-spring-webflux`), SDK 0.17.0"),
  /** Micronaut MCP 0.0.19 on SDK 0.17.0: stdio, and its own stateless HTTP controller on Netty. */
  MICRONAUT("sample-server-micronaut", "0.17.0", "io.mcpaudit.smoke.micronaut.MicronautSampleServer",
      "Micronaut MCP 0.0.19 (Micronaut 4.10, Netty), SDK 0.17.0"),
  CLASH("sample-server-clash", "2.1.0"),
  STORY("sample-server-story", "2.1.0"),
  /** Spring Boot with the Spring AI 2.0.0 MCP server starter (WebMvc), on SDK 2.1.0. */
  SPRING_AI("sample-server-spring", "2.1.0", "io.mcpaudit.smoke.spring.SpringSampleServer",
      "Spring AI 2.0.0 WebMvc starter (Spring Boot 4.1, Tomcat), SDK 2.1.0"),
  /** The same application on the Spring AI WebFlux starter (Reactor Netty). */
  SPRING_AI_WEBFLUX("sample-server-spring-webflux", "2.1.0", "io.mcpaudit.smoke.spring.SpringSampleServer",
      "Spring AI 2.0.0 WebFlux starter (Spring Boot 4.1, Reactor Netty), SDK 2.1.0");

  static final String SERVER = "io.mcpaudit.smoke.app.SampleServer";
  static final String CLIENT = "io.mcpaudit.smoke.app.SampleClient";

  final String module;
  final String sdkVersion;
  /** The server's main class. */
  final String serverMain;
  /** Its row in the README's support matrix, for the apps the transport matrix runs; else null. */
  final String readmeRow;

  SampleApp(String module, String sdkVersion) {
    this(module, sdkVersion, SERVER, null);
  }

  SampleApp(String module, String sdkVersion, String readmeRow) {
    this(module, sdkVersion, SERVER, readmeRow);
  }

  SampleApp(String module, String sdkVersion, String serverMain, String readmeRow) {
    this.module = module;
    this.sdkVersion = sdkVersion;
    this.serverMain = serverMain;
    this.readmeRow = readmeRow;
  }

  /**
   * The module whose {@link #CLIENT} drives this server: its own, or for lines before 0.18 (whose client
   * API differs) the 2.1.0 client, as a newer client talks to an older server in the field.
   */
  SampleApp client() {
    return sdkVersion.startsWith("0.") && !sdkVersion.startsWith("0.18") ? SDK_2_1 : this;
  }

  String classPath() throws IOException {
    Path dir = Path.of(System.getProperty("smoke.root"), module, "target").toAbsolutePath().normalize();
    Path recorded = dir.resolve("classpath.txt");
    if (!Files.exists(recorded)) {
      throw new IllegalStateException(recorded + " is missing: build the smoke-tests modules first (mvn -B verify)");
    }
    return dir.resolve("classes") + java.io.File.pathSeparator + Files.readString(recorded, StandardCharsets.UTF_8).trim();
  }

  static Path agentJar() {
    Path jar = Path.of(System.getProperty("agent.jar")).toAbsolutePath().normalize();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("the agent jar " + jar + " is missing: build it first (mvn -B verify)");
    }
    return jar;
  }
}

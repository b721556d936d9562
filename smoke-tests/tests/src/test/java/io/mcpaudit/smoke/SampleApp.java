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
    this(module, sdkVersion, "io.mcpaudit.smoke.app.SampleServer", null);
  }

  SampleApp(String module, String sdkVersion, String serverMain, String readmeRow) {
    this.module = module;
    this.sdkVersion = sdkVersion;
    this.serverMain = serverMain;
    this.readmeRow = readmeRow;
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

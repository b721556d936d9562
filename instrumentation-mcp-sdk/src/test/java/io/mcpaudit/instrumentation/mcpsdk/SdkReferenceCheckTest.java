package io.mcpaudit.instrumentation.mcpsdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.instrumentation.api.CompatibilityCheck;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Build-time reference check against the class files of released SDK jars, from 0.11.3 (the first
 * line with the two-argument session dispatch and the stateless engine) to 2.1.0: on each version
 * each instrumentation finds its type, and every type it finds has all the methods and fields
 * its advice needs. Where the SDK moved Streamable dispatch, exactly one of the two instrumentations
 * for it applies, so nothing is recorded twice or missed.
 */
class SdkReferenceCheckTest {

  @ParameterizedTest
  @ValueSource(strings = {"2.1.0", "1.1.5"})
  void currentLinesUseTheStreamHandleDispatch(String version) throws IOException {
    Map<String, List<String>> matches = matchesPerInstrumentation(version);

    assertThat(matches.get("LegacyStreamableSessionInstrumentation")).isEmpty();
    assertThat(matches.get("StreamableStreamInstrumentation"))
        .containsExactly("io.modelcontextprotocol.spec.McpStreamableServerSession$McpStreamableServerSessionStream");
    assertEveryOtherInstrumentationMatches(matches, "LegacyStreamableSessionInstrumentation");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2.0.1", "1.0.2", "0.18.4", "0.17.2", "0.14.1", "0.12.1", "0.11.3"})
  void olderLinesUseTheTwoArgumentResponseStream(String version) throws IOException {
    Map<String, List<String>> matches = matchesPerInstrumentation(version);

    assertThat(matches.get("StreamableStreamInstrumentation")).isEmpty();
    assertThat(matches.get("LegacyStreamableSessionInstrumentation"))
        .containsExactly("io.modelcontextprotocol.spec.McpStreamableServerSession");
    assertEveryOtherInstrumentationMatches(matches, "StreamableStreamInstrumentation");
  }

  /**
   * Spring AI 2.x's transports (built against SDK 2.0, used on 2.0 and 2.1), the SDK's own Spring transports
   * that Spring AI 1.x uses, Spring MVC's dispatch and WebFlux's outermost handler (Spring Framework 7.0 under Boot 4, 6.2 under
   * Boot 3.5), and Micronaut MCP's HTTP controller.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mcp-spring-webmvc-2.0.0.jar", "mcp-spring-webflux-2.0.0.jar", "spring-webmvc-7.0.8.jar",
      "spring-webmvc-6.2.12.jar", "spring-web-7.0.8.jar", "spring-web-6.2.12.jar",
      "mcp-spring-webmvc-0.17.0.jar", "mcp-spring-webflux-0.17.0.jar", "micronaut-mcp-server-java-sdk-0.0.19.jar"})
  void frameworkTransportsAreRecognised(String jar) throws IOException {
    Map<String, List<String>> matches = matchesIn(new File(System.getProperty("sdk.jars"), jar), jar);

    switch (jar) {
      case "mcp-spring-webmvc-2.0.0.jar" -> assertThat(matches.get("StreamableTransportInstrumentation")).containsExactly(
          "org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider"
              + "$WebMvcStreamableMcpSessionTransport");
      case "mcp-spring-webflux-2.0.0.jar" -> assertThat(matches.get("StreamableTransportInstrumentation")).containsExactly(
          "org.springframework.ai.mcp.server.webflux.transport.WebFluxStreamableServerTransportProvider"
              + "$WebFluxStreamableMcpSessionTransport");
      case "spring-web-7.0.8.jar", "spring-web-6.2.12.jar" -> assertThat(matches.get("SpringWebFluxInstrumentation"))
          .containsExactly("org.springframework.web.server.handler.ExceptionHandlingWebHandler");
      // Spring AI 1.x: the SDK's own Spring transports
      case "mcp-spring-webmvc-0.17.0.jar" -> assertThat(matches.get("StreamableTransportInstrumentation")).containsExactly(
          "io.modelcontextprotocol.server.transport.WebMvcStreamableServerTransportProvider$WebMvcStreamableMcpSessionTransport");
      case "mcp-spring-webflux-0.17.0.jar" -> assertThat(matches.get("StreamableTransportInstrumentation")).containsExactly(
          "io.modelcontextprotocol.server.transport.WebFluxStreamableServerTransportProvider"
              + "$WebFluxStreamableMcpSessionTransport");
      case "micronaut-mcp-server-java-sdk-0.0.19.jar" -> assertThat(matches.get("MicronautHttpInstrumentation"))
          .containsExactly("io.micronaut.mcp.server.stateless.McpController");
      default -> assertThat(matches.get("SpringWebMvcInstrumentation"))
          .containsExactly("org.springframework.web.servlet.function.support.HandlerFunctionAdapter");
    }
  }

  /** Instrumentations of other frameworks' classes, which an SDK jar does not contain. */
  private static final List<String> FRAMEWORK_INSTRUMENTATIONS =
      List.of("SpringWebMvcInstrumentation", "SpringWebFluxInstrumentation", "MicronautHttpInstrumentation");

  private static void assertEveryOtherInstrumentationMatches(Map<String, List<String>> matches, String except) {
    matches.forEach((name, types) -> {
      if (!name.equals(except) && !FRAMEWORK_INSTRUMENTATIONS.contains(name)) {
        assertThat(types).as(name).isNotEmpty();
      }
    });
    assertThat(matches.get("StreamableTransportInstrumentation"))
        .contains("io.modelcontextprotocol.server.transport."
            + "HttpServletStreamableServerTransportProvider$HttpServletStreamableMcpSessionTransport");
    assertThat(matches.get("ServletTransportInstrumentation")).hasSize(3);
  }

  /** Instrumentation simple name → SDK types it matches; fails if a matched type is incompatible. */
  private static Map<String, List<String>> matchesPerInstrumentation(String version) throws IOException {
    // the code lives in the "mcp" artifact up to 0.12 and in "mcp-core" from 0.13 on
    File dir = new File(System.getProperty("sdk.jars"));
    File jar = new File(dir, "mcp-core-" + version + ".jar");
    if (!jar.exists()) {
      jar = new File(dir, "mcp-" + version + ".jar");
    }
    return matchesIn(jar, "SDK " + version);
  }

  /** Instrumentation simple name → types of {@code jar} it matches; fails if a matched type is incompatible. */
  private static Map<String, List<String>> matchesIn(File jar, String what) throws IOException {
    Map<String, List<String>> matches = new TreeMap<>();
    try (JarFile jarFile = new JarFile(jar);
        ClassFileLocator locator = new ClassFileLocator.Compound(
            ClassFileLocator.ForJarFile.of(jar), ClassFileLocator.ForClassLoader.ofSystemLoader())) {
      // the version under test first; Reactor and the servlet API (for type hierarchies) from the test class path
      TypePool pool = TypePool.Default.of(locator);
      List<TypeDescription> types = new ArrayList<>();
      for (Enumeration<JarEntry> e = jarFile.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith(".class") && !name.contains("module-info")) {
          types.add(pool.describe(name.replace('/', '.').substring(0, name.length() - 6)).resolve());
        }
      }
      for (TypeInstrumentation instrumentation : McpSdkInstrumentations.all()) {
        List<String> matched = new ArrayList<>();
        for (TypeDescription type : types) {
          if (instrumentation.typeMatcher().matches(type)) {
            assertThat(CompatibilityCheck.missing(instrumentation, type))
                .as("%s on %s in %s", instrumentation.getClass().getSimpleName(), type.getName(), what)
                .isNull();
            matched.add(type.getName());
          }
        }
        matches.put(instrumentation.getClass().getSimpleName(), matched);
      }
    }
    return matches;
  }
}

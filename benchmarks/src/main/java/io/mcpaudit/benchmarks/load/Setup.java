package io.mcpaudit.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One way of running the same MCP server: what is attached, and the JVM arguments that attach it. */
enum Setup {
  NO_AGENT("no agent", "io.mcpaudit.smoke.app.SampleServer"),
  MCP_AUDIT("mcp-audit (file sink)", "io.mcpaudit.smoke.app.SampleServer"),
  MCP_AUDIT_CAPTURE_ONLY("mcp-audit, propagation off", "io.mcpaudit.smoke.app.SampleServer"),
  OTEL_AGENT("OpenTelemetry agent (exporters off)", "io.mcpaudit.smoke.app.SampleServer"),
  DIY("hand-written interceptor (SLF4J/Logback file)", "io.mcpaudit.smoke.story.DiyAuditServer");

  final String label;
  final String mainClass;

  Setup(String label, String mainClass) {
    this.label = label;
    this.mainClass = mainClass;
  }

  List<String> jvmArgs(Paths paths, Path workDir) {
    List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
    switch (this) {
      case MCP_AUDIT, MCP_AUDIT_CAPTURE_ONLY -> {
        args.add("-javaagent:" + paths.auditAgent());
        args.add("-Dmcp.audit.file.path=" + workDir.resolve("mcp-audit.jsonl"));
        if (this == MCP_AUDIT_CAPTURE_ONLY) {
          args.add("-Dmcp.audit.propagation.enabled=false");
        }
      }
      case OTEL_AGENT -> {
        args.add("-javaagent:" + paths.otelAgent());
        args.addAll(List.of("-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
            "-Dotel.logs.exporter=none", "-Dotel.service.name=load-bench"));
      }
      case DIY -> {
        args.add("-Dlogback.configurationFile=diy-logback.xml");
        args.add("-Ddiy.audit.file=" + workDir.resolve("diy-audit.jsonl"));
      }
      default -> {
        // nothing attached
      }
    }
    return args;
  }

  /** Where the built pieces are, relative to the project root. */
  record Paths(Path root, Path otelAgent) {
    Path auditAgent() {
      return root.resolve("agent/target/mcp-audit-agent.jar");
    }

    Path serverModule() {
      return root.resolve("smoke-tests/sample-server-story/target");
    }
  }
}

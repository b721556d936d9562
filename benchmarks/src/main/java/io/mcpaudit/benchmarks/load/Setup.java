package io.mcpaudit.benchmarks.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One way of running the same MCP server: what is attached, and the JVM arguments that attach it. */
enum Setup {
  NO_AGENT("no agent", "io.mcpaudit.smoke.app.SampleServer"),
  /** The same as {@link #NO_AGENT}, run again in each round: the A/A control, i.e. how far noise alone moves a ratio. */
  NO_AGENT_AGAIN("no agent again (A/A control)", "io.mcpaudit.smoke.app.SampleServer"),
  MCP_AUDIT("mcp-audit (file sink)", "io.mcpaudit.smoke.app.SampleServer"),
  /** Also ships to a loopback OTLP sink; "not available" while the agent does not know the otlp exporter. */
  MCP_AUDIT_OTLP("mcp-audit file,otlp (loopback sink)", "io.mcpaudit.smoke.app.SampleServer"),
  MCP_AUDIT_CAPTURE_ONLY("mcp-audit, propagation off", "io.mcpaudit.smoke.app.SampleServer"),
  OTEL_AGENT("OpenTelemetry agent (exporters off)", "io.mcpaudit.smoke.app.SampleServer"),
  DIY("hand-written interceptor (SLF4J/Logback file)", "io.mcpaudit.smoke.story.DiyAuditServer");

  /** What runs when {@code --setups} is not given (DIY only on request, to keep the full run near 25 minutes). */
  static final List<Setup> DEFAULTS =
      List.of(NO_AGENT, NO_AGENT_AGAIN, MCP_AUDIT, MCP_AUDIT_OTLP, MCP_AUDIT_CAPTURE_ONLY, OTEL_AGENT);

  final String label;
  final String mainClass;

  Setup(String label, String mainClass) {
    this.label = label;
    this.mainClass = mainClass;
  }

  List<String> jvmArgs(Paths paths, Path workDir) {
    List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
    switch (this) {
      case MCP_AUDIT, MCP_AUDIT_OTLP, MCP_AUDIT_CAPTURE_ONLY -> {
        args.add("-javaagent:" + paths.auditAgent());
        args.add("-Dmcp.audit.file.path=" + workDir.resolve(AUDIT_FILE));
        if (this == MCP_AUDIT_CAPTURE_ONLY) {
          args.add("-Dmcp.audit.propagation.enabled=false");
        }
        if (this == MCP_AUDIT_OTLP) {
          args.add("-Dmcp.audit.exporters=file,otlp");
          args.add("-Dmcp.audit.otlp.endpoint=" + paths.otlpEndpoint());
          args.add("-Dmcp.audit.spool.dir=" + workDir.resolve("mcp-audit-spool"));
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

  /** The audit trail's file name in the run's directory (counted, then deleted: it reaches a GiB per run). */
  static final String AUDIT_FILE = "mcp-audit.jsonl";

  boolean isMcpAudit() {
    return this == MCP_AUDIT || this == MCP_AUDIT_OTLP || this == MCP_AUDIT_CAPTURE_ONLY;
  }

  /** Where the built pieces are, relative to the project root, and where the OTLP sink listens. */
  record Paths(Path root, Path otelAgent, String otlpEndpoint) {
    Path auditAgent() {
      return root.resolve("agent/target/mcp-audit-agent.jar");
    }

    Path serverModule() {
      return root.resolve("smoke-tests/sample-server-story/target");
    }
  }
}

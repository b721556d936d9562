package io.mcpaudit.agent.tooling;

import io.mcpaudit.agent.config.AgentConfig;
import io.mcpaudit.agent.config.ConfigKey;
import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.exporter.pipeline.AuditPipeline;
import io.mcpaudit.exporter.pipeline.PipelineSettings;
import io.mcpaudit.instrumentation.api.TypeInstrumentation;
import io.mcpaudit.instrumentation.jdkhttp.JdkHttpInstrumentations;
import io.mcpaudit.instrumentation.mcpsdk.McpSdkInstrumentations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs in the agent's isolated class loader: reads configuration, starts the pipeline, connects it
 * to the bridge, registers the flush-on-exit hook, and only then instruments, so that no captured
 * call can arrive before there is somewhere to put it.
 */
public final class AgentStarter {
  private AgentStarter() {}

  public static void start(Instrumentation inst, String agentArgs, ClassLoader agentLoader) {
    AgentConfig config = AgentConfig.load(agentArgs);
    AgentLog.setDebug(config.getBoolean(ConfigKey.DEBUG));
    if (!config.getBoolean(ConfigKey.ENABLED)) {
      AgentLog.info("disabled by " + ConfigKey.ENABLED.key() + " (" + config.sourceOf(ConfigKey.ENABLED) + ")");
      return;
    }
    CompletableFuture<AuditPipeline> starting = null;
    try {
      Map<String, String> identityHeaders = IdentityConfig.headers(config);
      AuditBridge.setCorrelationHeaders(config.getList(ConfigKey.CORRELATION_HEADERS).toArray(new String[0]));
      AuditBridge.setIdentityHeaders(identityHeaders.values().toArray(new String[0]));
      AuditBridge.setForwardedHeader(IdentityConfig.forwardedHeader(config));
      PropagationConfig.apply(config);
      // Start-up time: the exporter (Jackson, Disruptor, the file) starts on a second thread while Byte
      // Buddy installs. Advice finds no sink until both are done, but premain has not returned yet, so no
      // application code is running that could be missed.
      starting = CompletableFuture.supplyAsync(() -> {
        try {
          return AuditPipeline.start(settings(config, identityHeaders));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, AgentStarter::startThread);
      List<TypeInstrumentation> instrumentations = new ArrayList<>(McpSdkInstrumentations.all());
      instrumentations.addAll(JdkHttpInstrumentations.all());
      InstrumentationInstaller.install(inst, agentLoader, instrumentations, JdkHttpInstrumentations.jdkTypeNames());
      AuditPipeline pipeline = starting.join();
      if (!AuditBridge.install(pipeline)) {
        throw new IllegalStateException("the audit bridge refused the pipeline (it is already connected)");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(pipeline), "mcp-audit-shutdown"));
      AgentLog.info("mcp-audit " + version() + " started");
    } catch (Throwable t) {
      AuditBridge.uninstall();
      AgentLog.error("agent failed to start; the application runs without auditing",
          t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
      closeStarted(starting);
    }
  }

  /**
   * A pipeline that started before something else failed (Byte Buddy's installation, say) has written
   * its start event: close it, so the trail says the agent stopped instead of ending without a word.
   */
  private static void closeStarted(CompletableFuture<AuditPipeline> starting) {
    if (starting == null) {
      return;
    }
    try {
      starting.join().close();
    } catch (Throwable ignored) {
      // it never started (that failure is what was just logged)
    }
  }

  private static void startThread(Runnable task) {
    Thread thread = new Thread(task, "mcp-audit-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** Requests still running when the JVM is asked to stop get this long to finish and be recorded. */
  private static final long IN_FLIGHT_GRACE_MILLIS = 2_000;

  private static void stop(AuditPipeline pipeline) {
    try {
      AuditBridge.awaitInFlight(IN_FLIGHT_GRACE_MILLIS);
      pipeline.close();
    } catch (Throwable t) {
      AgentLog.error("failed to flush the audit trail on exit", t);
    }
  }

  private static PipelineSettings settings(AgentConfig config, Map<String, String> identityHeaders) {
    String instanceId = java.util.UUID.randomUUID().toString();
    String mode = config.get(ConfigKey.SPOOL_MODE);
    boolean memory = "memory".equalsIgnoreCase(mode);
    if (!memory && !"disk".equalsIgnoreCase(mode)) {
      AgentLog.warn(ConfigKey.SPOOL_MODE.key() + "=" + mode + " is neither disk nor memory; using disk");
    }
    String policy = config.get(ConfigKey.QUEUE_FULL_POLICY);
    PipelineSettings.QueueFullPolicy queueFull = PipelineSettings.QueueFullPolicy.DROP;
    if ("block".equalsIgnoreCase(policy)) {
      queueFull = PipelineSettings.QueueFullPolicy.BLOCK;
    } else if (!"drop".equalsIgnoreCase(policy)) {
      AgentLog.warn(ConfigKey.QUEUE_FULL_POLICY.key() + "=" + policy + " is neither drop nor block; using drop");
    }
    return PipelineSettings.builder()
        .exporters(config.getList(ConfigKey.EXPORTERS))
        .exporterContext(new AgentExporterContext(config, instanceId, hostName(), version()))
        .serviceInstanceId(instanceId)
        .serverId(config.get(ConfigKey.SERVER_ID))
        .environment(config.get(ConfigKey.ENVIRONMENT))
        .queueSize(queueSize(config))
        .queueFullPolicy(queueFull, config.getLong(ConfigKey.QUEUE_BLOCK_TIMEOUT_MS))
        .shutdownTimeoutMillis(config.getInt(ConfigKey.SHUTDOWN_TIMEOUT_MS))
        .statsIntervalMillis(config.getDurationMillis(ConfigKey.STATS_INTERVAL))
        .spool(memory ? null : Path.of(config.get(ConfigKey.SPOOL_DIR)), config.getLong(ConfigKey.SPOOL_MAX_BYTES),
            config.getLong(ConfigKey.SPOOL_MEMORY_MAX_BYTES))
        .agentVersion(version())
        .configSummary(config.summary())
        .identity(IdentityConfig.settings(config, identityHeaders))
        .integrity(IntegrityConfig.settings(config))
        .capture(CaptureConfig.policy(config))
        .build();
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Smallest and largest ring sizes: the ring is preallocated, and the heap budget is 32 MiB. */
  static final int MIN_QUEUE = 64;
  static final int MAX_QUEUE = 262_144;

  /** {@code mcp.audit.queue.size}, within its documented range (a value outside it is clamped, with a warning). */
  static int queueSize(AgentConfig config) {
    int requested = config.getInt(ConfigKey.QUEUE_SIZE);
    int size = Math.max(MIN_QUEUE, Math.min(requested, MAX_QUEUE));
    if (size != requested) {
      AgentLog.warn(ConfigKey.QUEUE_SIZE.key() + "=" + requested + " is outside " + MIN_QUEUE + ".." + MAX_QUEUE
          + "; using " + size);
    }
    return size;
  }

  static String version() {
    try (InputStream in = AgentStarter.class.getResourceAsStream("/io/mcpaudit/agent/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (Exception e) {
      return "unknown";
    }
  }
}

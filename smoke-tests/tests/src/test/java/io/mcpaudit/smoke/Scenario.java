package io.mcpaudit.smoke;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run: a sample server (optionally with the agent attached) and the SDK's client, each in its
 * own JVM, then the server stopped the way an orchestrator stops it (SIGTERM; for stdio the client
 * ends it). Collects the audit file, what the client received, and the server's standard error.
 */
final class Scenario {
  static final Duration START = Duration.ofSeconds(60);
  static final Duration CLIENT = Duration.ofSeconds(120);
  static final String FINGERPRINT_KEY = "smoke-fingerprint-key";

  final SampleApp app;
  final String transport;
  final boolean withAgent;
  final List<String> agentProperties = new ArrayList<>();
  final List<String> serverProperties = new ArrayList<>();
  /** Client JVM arguments; {@link #RUN_DIR} in them stands for this run's directory. */
  final List<String> clientProperties = new ArrayList<>();
  static final String RUN_DIR = "{run-dir}";
  String serverMain;
  /**
   * HTTP requests arrive as through a reverse proxy: the client adds {@code X-Forwarded-For} and a
   * workload header, and the agent is told which proxies to trust. Otherwise the agent gets only the
   * basic settings (file, server id, environment) and the client talks to the server directly.
   */
  boolean proxied;
  /** The JDK both JVMs run on (the stdio client starts its server on its own JDK). */
  Path javaHome = Path.of(System.getProperty("java.home"));

  Path dir;
  Path auditFile;
  List<String> transcript;
  String serverStdout;
  String serverStderr;
  int clientExit;

  Scenario(SampleApp app, String transport, boolean withAgent) {
    this.app = app;
    this.transport = transport;
    this.withAgent = withAgent;
    this.serverMain = app.serverMain;
  }

  /**
   * Runs the scenario, up to {@value #ATTEMPTS} times if the client fails. The SDK's own HTTP transports
   * sometimes break the connection while sending a JSON-RPC error (a few runs in a hundred, on several SDK
   * lines, with and without the agent). A failure the agent caused would repeat every time and fail the
   * test; each failed attempt's output stays in its run directory and is printed.
   */
  Scenario run() throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce();
      } catch (ClientFailed failure) {
        if (attempt == ATTEMPTS) {
          throw failure;
        }
        System.err.println("client failed (attempt " + attempt + "), running the scenario again:\n" + failure.getMessage());
      }
    }
  }

  private static final int ATTEMPTS = 3;

  static final class ClientFailed extends AssertionError {
    ClientFailed(String message) {
      super(message);
    }
  }

  private Scenario runOnce() throws Exception {
    dir = Path.of(System.getProperty("smoke.work"),
        app.module + "-" + transport + (withAgent ? "-agent" : "-plain") + "-" + javaHome.getFileName() + "-" + System.nanoTime());
    Files.createDirectories(dir);
    auditFile = dir.resolve("audit.jsonl");
    Path transcriptFile = dir.resolve("transcript.txt");
    List<String> serverJvm = serverJvmArgs();
    String classPath = app.classPath();
    String clientClassPath = app.client().classPath();
    List<String> clientProperties = new ArrayList<>();
    for (String property : this.clientProperties) {
      clientProperties.add(property.replace(RUN_DIR, dir.toString()));
    }
    if (proxied) {
      clientProperties.add("-Dsample.proxied=true");
    }
    if (transport.equals("stdio")) {
      List<String> clientJvm = new ArrayList<>(clientProperties);
      clientJvm.add("-Dsample.serverJvmArgs=" + String.join("|", serverJvm));
      clientJvm.add("-Dsample.serverClassPath=" + classPath);
      clientJvm.add("-Dsample.serverMain=" + serverMain);
      try (JvmProcess client = JvmProcess.start(javaHome, dir, "client", clientJvm, clientClassPath, SampleApp.CLIENT,
          transport, "0", transcriptFile.toString())) {
        clientExit = client.awaitExit(CLIENT);
        serverStderr = client.stderr(); // the stdio client relays the server's stderr into its own log
        serverStdout = "";
        assertClientOk(client);
      }
    } else {
      try (JvmProcess server = JvmProcess.start(javaHome, dir, "server", serverJvm, classPath, serverMain, transport, "0")) {
        String port = server.awaitLine("LISTENING (\\d+)", START);
        try (JvmProcess client = JvmProcess.start(javaHome, dir, "client", clientProperties, clientClassPath, SampleApp.CLIENT,
            transport, port, transcriptFile.toString())) {
          clientExit = client.awaitExit(CLIENT);
          assertClientOk(client);
        }
        stopServer(server);
        serverStdout = server.stdout();
        serverStderr = server.stderr();
      }
    }
    transcript = Files.readAllLines(transcriptFile, StandardCharsets.UTF_8);
    return this;
  }

  /** The server may already have exited by itself (exitAfterRequests); otherwise SIGTERM it. */
  private static void stopServer(JvmProcess server) throws Exception {
    server.stop();
  }

  private void assertClientOk(JvmProcess client) {
    if (clientExit != 0) {
      throw new ClientFailed("client exited with " + clientExit + " in " + dir + "\n" + client.tails());
    }
  }

  private List<String> serverJvmArgs() {
    List<String> args = new ArrayList<>();
    if (withAgent) {
      args.add("-javaagent:" + SampleApp.agentJar());
      args.add("-Dmcp.audit.file.path=" + auditFile);
      args.add("-Dmcp.audit.server.id=smoke");
      args.add("-Dmcp.audit.environment=test");
      if (proxied) {
        args.add("-Dmcp.audit.identity.trusted_proxies=127.0.0.0/8,10.0.0.0/8");
        args.add("-Dmcp.audit.identity.headers=workload_id:X-Workload-Id");
        args.add("-Dmcp.audit.identity.fingerprint_key=" + FINGERPRINT_KEY);
      }
      args.addAll(agentProperties);
    }
    args.addAll(serverProperties);
    return args;
  }

  /** The audit file once the agent has written its stop event (see {@link AuditFile#awaitStopped}). */
  AuditFile audit() throws Exception {
    return AuditFile.awaitStopped(auditFile, () -> serverStderr);
  }

  /** The agent's own log lines at WARN or ERROR, which a clean run must not have. */
  List<String> agentProblems() {
    return serverStderr.lines().filter(l -> l.contains("[mcp-audit] WARN") || l.contains("[mcp-audit] ERROR")).toList();
  }

}

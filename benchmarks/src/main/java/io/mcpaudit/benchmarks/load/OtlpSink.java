package io.mcpaudit.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for an OpenTelemetry Collector: answers 200 (an empty, valid {@code ExportLogsServiceResponse}
 * in protobuf or JSON) to {@code POST /v1/logs} and discards the body, so the {@code otlp} setup measures the agent's
 * sending, not a collector. Runs in the runner's JVM (on the load generator's core when pinned).
 */
final class OtlpSink implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  private OtlpSink(HttpServer server) {
    this.server = server;
  }

  static OtlpSink start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    OtlpSink sink = new OtlpSink(server);
    server.createContext("/v1/logs", sink::handle);
    server.start();
    return sink;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      long n = 0;
      byte[] scratch = new byte[16 * 1024];
      for (int r; (r = body.read(scratch)) > 0; ) {
        n += r;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      requests.incrementAndGet();
      bytes.addAndGet(n);
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      boolean json = type != null && type.contains("json");
      byte[] answer = json ? "{}".getBytes() : new byte[0];
      exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  /** The base URL for {@code mcp.audit.otlp.endpoint} (the exporter appends {@code /v1/logs}). */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  long bytes() {
    return bytes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.mcpaudit.smoke.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An OTLP/HTTP logs receiver for tests: {@code POST /v1/logs} on 127.0.0.1, decoded with the official
 * {@code opentelemetry-proto} classes (binary protobuf, or OTLP/JSON through protobuf's JsonFormat),
 * plain or gzip. It answers like a collector (200 and an empty {@code ExportLogsServiceResponse} in the
 * request's encoding) or, when told to, with an error status, not at all ({@link #hang()}), or refuses
 * connections ({@link #down()}).
 *
 * <p>Only requests answered 200 are recorded; {@link #attempts()} counts every request.
 */
public final class OtlpReceiver implements AutoCloseable {
  public static final String LOGS_PATH = "/v1/logs";
  public static final String PROTOBUF = "application/x-protobuf";
  public static final String JSON = "application/json";

  /** A request that was decoded and answered 200, with the HTTP headers it came with. */
  public record ReceivedRequest(
      ExportLogsServiceRequest request, Map<String, List<String>> headers, String contentType, String contentEncoding) {
    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** One log record with the resource and scope it was sent under. */
  public record ReceivedLog(Resource resource, InstrumentationScope scope, LogRecord logRecord) {}

  /** How requests are answered: a status, or never (hang). */
  private record Mode(int status, String retryAfter, boolean hang) {}

  private static final Mode OK = new Mode(200, null, false);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SSLContext ssl;
  private final boolean requireClientCertificate;
  // handlers that hang hold their thread: a cached pool always has another one for the next request
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "otlp-receiver");
    thread.setDaemon(true);
    return thread;
  });

  private final Object lock = new Object();
  // all guarded by lock
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private int attempts;
  private Mode mode = OK;
  private long generation; // bumped to let go of hung requests: on every mode change, down() and close()
  private boolean closed;
  private HttpServer server;
  private int port;

  private OtlpReceiver(int port, SSLContext ssl, boolean requireClientCertificate) throws IOException {
    this.port = port;
    this.ssl = ssl;
    this.requireClientCertificate = requireClientCertificate;
    up();
  }

  /** Plain HTTP on a free port. */
  public static OtlpReceiver http() throws IOException {
    return new OtlpReceiver(0, null, false);
  }

  /** Plain HTTP on {@code port} (0: a free one). */
  public static OtlpReceiver http(int port) throws IOException {
    return new OtlpReceiver(port, null, false);
  }

  /** HTTPS on a free port with {@code ssl}; with {@code requireClientCertificate} a client must present one. */
  public static OtlpReceiver https(SSLContext ssl, boolean requireClientCertificate) throws IOException {
    return https(0, ssl, requireClientCertificate);
  }

  public static OtlpReceiver https(int port, SSLContext ssl, boolean requireClientCertificate) throws IOException {
    return new OtlpReceiver(port, ssl, requireClientCertificate);
  }

  public int port() {
    synchronized (lock) {
      return port;
    }
  }

  /** {@code http(s)://127.0.0.1:PORT/v1/logs} */
  public String endpoint() {
    return (ssl == null ? "http" : "https") + "://127.0.0.1:" + port() + LOGS_PATH;
  }

  /** Answers every request from now on with 200 (the default), recording it. */
  public void respondOk() {
    setMode(OK);
  }

  /** Answers every request from now on with {@code status} and no body, and Retry-After when not null. */
  public void respondStatus(int status, String retryAfter) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("status " + status);
    }
    setMode(new Mode(status, retryAfter, false));
  }

  /**
   * Reads every request from now on and never answers it. A hung request is let go when the mode changes,
   * on {@link #down()} or {@link #close()}: its connection is then closed without an answer, and it is not
   * recorded.
   */
  public void hang() {
    setMode(new Mode(0, null, true));
  }

  /** Closes the listening socket (and open connections): connections are refused until {@link #up()}. */
  public void down() {
    HttpServer stopping;
    synchronized (lock) {
      stopping = server;
      server = null;
      releaseHung();
    }
    if (stopping != null) {
      stopping.stop(0);
    }
  }

  /** Listens again, on the same port as before. */
  public void up() throws IOException {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (server != null) {
        return;
      }
      InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port);
      HttpServer created = ssl == null ? HttpServer.create(address, 0) : httpsServer(address);
      created.createContext(LOGS_PATH, this::handle);
      created.setExecutor(executor);
      created.start();
      port = created.getAddress().getPort();
      server = created;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    down();
    executor.shutdownNow();
  }

  /** Requests answered 200, in the order they were decoded. */
  public List<ReceivedRequest> requests() {
    synchronized (lock) {
      return List.copyOf(requests);
    }
  }

  /** The log records of {@link #requests()}, flattened in order. */
  public List<ReceivedLog> logs() {
    synchronized (lock) {
      return flatten(requests);
    }
  }

  /** Every request received on /v1/logs, including those answered with an error or hung. */
  public int attempts() {
    synchronized (lock) {
      return attempts;
    }
  }

  /** Waits until at least {@code count} log records were received; fails with AssertionError on timeout. */
  public List<ReceivedLog> awaitLogs(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedLog> logs = flatten(requests);
        if (logs.size() >= count) {
          return logs;
        }
        waitUntil(deadline, "waiting for " + count + " log records, received " + logs.size());
      }
    }
  }

  /** Waits until at least {@code count} requests arrived; fails with AssertionError on timeout. */
  public int awaitAttempts(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (attempts < count) {
        waitUntil(deadline, "waiting for " + count + " requests, received " + attempts);
      }
      return attempts;
    }
  }

  private void waitUntil(long deadline, String what) throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new AssertionError("timed out " + what);
    }
    TimeUnit.NANOSECONDS.timedWait(lock, left);
  }

  private void setMode(Mode next) {
    synchronized (lock) {
      mode = next;
      releaseHung();
    }
  }

  private void releaseHung() {
    generation++;
    lock.notifyAll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Mode answer;
      long arrived;
      synchronized (lock) {
        attempts++;
        answer = mode;
        arrived = generation;
        lock.notifyAll();
      }
      if (answer.hang()) {
        awaitRelease(arrived);
        return; // closing an exchange that has sent no response drops the connection
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "text/plain", "POST only".getBytes(UTF_8));
        return;
      }
      if (answer.status() != 200) {
        if (answer.retryAfter() != null) {
          exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        send(exchange, answer.status(), null, new byte[0]);
        return;
      }
      Headers headers = exchange.getRequestHeaders();
      String contentType = headers.getFirst("Content-Type");
      String encoding = headers.getFirst("Content-Encoding");
      String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
      if (!mediaType.equals(PROTOBUF) && !mediaType.equals(JSON)) {
        send(exchange, 415, "text/plain", ("unsupported Content-Type " + contentType).getBytes(UTF_8));
        return;
      }
      boolean json = mediaType.equals(JSON);
      ExportLogsServiceRequest request;
      try {
        byte[] decompressed = decompress(encoding, body);
        request = json
            ? fromOtlpJson(new String(decompressed, UTF_8))
            : ExportLogsServiceRequest.parseFrom(decompressed);
      } catch (IOException | RuntimeException e) {
        send(exchange, 400, "text/plain", ("cannot decode the request: " + e).getBytes(UTF_8));
        return;
      }
      synchronized (lock) {
        requests.add(new ReceivedRequest(request, copy(headers), contentType, encoding));
        lock.notifyAll();
      }
      ExportLogsServiceResponse response = ExportLogsServiceResponse.getDefaultInstance();
      send(exchange, 200, json ? JSON : PROTOBUF,
          json ? JsonFormat.printer().print(response).getBytes(UTF_8) : response.toByteArray());
    }
  }

  private void awaitRelease(long arrived) {
    synchronized (lock) {
      try {
        while (generation == arrived) {
          lock.wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static byte[] decompress(String encoding, byte[] body) throws IOException {
    if (encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
      return body;
    }
    if (encoding.equalsIgnoreCase("gzip")) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
        return in.readAllBytes();
      }
    }
    throw new IOException("unsupported Content-Encoding " + encoding);
  }

  /**
   * OTLP/JSON is proto3 JSON except that trace and span ids are hex, not base64 (OTLP specification,
   * "JSON Protobuf Encoding"): they are turned into base64 in every log record before JsonFormat reads the
   * request. Field names may be lowerCamelCase or the proto names, as JsonFormat accepts both. Unknown
   * fields are rejected (JsonFormat's default), so a misspelt field fails the request instead of vanishing.
   */
  static ExportLogsServiceRequest fromOtlpJson(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    for (JsonNode resourceLogs : array(root, "resourceLogs", "resource_logs")) {
      for (JsonNode scopeLogs : array(resourceLogs, "scopeLogs", "scope_logs")) {
        for (JsonNode logRecord : array(scopeLogs, "logRecords", "log_records")) {
          if (logRecord instanceof ObjectNode object) {
            for (String id : List.of("traceId", "trace_id", "spanId", "span_id")) {
              JsonNode hex = object.get(id);
              if (hex != null && hex.isTextual()) {
                object.put(id, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex.asText())));
              }
            }
          }
        }
      }
    }
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
    JsonFormat.parser().merge(MAPPER.writeValueAsString(root), builder);
    return builder.build();
  }

  private static Iterable<JsonNode> array(JsonNode node, String name, String protoName) {
    JsonNode array = node == null ? null : node.has(name) ? node.get(name) : node.get(protoName);
    return array != null && array.isArray() ? array : List.of();
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static Map<String, List<String>> copy(Headers headers) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  private static List<ReceivedLog> flatten(List<ReceivedRequest> requests) {
    List<ReceivedLog> logs = new ArrayList<>();
    for (ReceivedRequest received : requests) {
      for (ResourceLogs resourceLogs : received.request().getResourceLogsList()) {
        for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
          for (LogRecord logRecord : scopeLogs.getLogRecordsList()) {
            logs.add(new ReceivedLog(resourceLogs.getResource(), scopeLogs.getScope(), logRecord));
          }
        }
      }
    }
    return logs;
  }

  private HttpServer httpsServer(InetSocketAddress address) throws IOException {
    HttpsServer https = HttpsServer.create(address, 0);
    https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
        parameters.setNeedClientAuth(requireClientCertificate);
        params.setSSLParameters(parameters);
      }
    });
    return https;
  }
}

package io.mcpaudit.smoke.story;

import io.mcpaudit.smoke.app.SampleServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sample server with two more tools, written as an application would, with no audit code:
 * {@code downstream} logs a line and calls the service at {@code -Dstory.downstream} with the JDK's
 * {@code HttpClient} (path {@code /httpclient}) and {@code HttpURLConnection} ({@code /urlconnection});
 * {@code leak_probe} later looks, from a thread that handles no request, at the log context of
 * Reactor's pool threads (which ran earlier tools) and logs what it finds as {@code LEAK-PROBE ...}.
 */
public final class StoryServer {
  private static final Logger log = LoggerFactory.getLogger(StoryServer.class);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private StoryServer() {}

  public static void main(String[] args) throws Exception {
    SampleServer.addTool("downstream", StoryServer::downstream);
    SampleServer.addTool("leak_probe", StoryServer::leakProbe);
    SampleServer.main(args);
  }

  static String downstream() {
    log.info("calling downstream");
    String base = System.getProperty("story.downstream");
    try {
      HttpResponse<String> viaClient = HTTP.send(
          HttpRequest.newBuilder(URI.create(base + "/httpclient")).GET().build(), HttpResponse.BodyHandlers.ofString());
      HttpURLConnection connection = (HttpURLConnection) URI.create(base + "/urlconnection").toURL().openConnection();
      int status = connection.getResponseCode();
      try (InputStream in = connection.getInputStream()) {
        in.readAllBytes();
      }
      log.info("downstream answered {} and {}", viaClient.statusCode(), status);
      return "seen-correlation=" + MDC.get("mcp.correlation_id");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String leakProbe() {
    Thread probe = new Thread(() -> {
      try {
        Thread.sleep(500); // let the request that started the probe finish and free its pool thread
      } catch (InterruptedException e) {
        return;
      }
      Map<String, String> seen = new TreeMap<>();
      for (int i = 0; i < 16; i++) {
        Map<String, String> context = Mono.fromCallable(StoryServer::logContext)
            .subscribeOn(Schedulers.boundedElastic()).block();
        context.forEach((thread, values) -> seen.merge(thread, values, (a, b) -> a.equals(b) ? a : a + "|" + b));
      }
      log.info("LEAK-PROBE {}", seen);
    }, "leak-probe");
    probe.start();
    return "probe started";
  }

  private static Map<String, String> logContext() {
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    return Map.of(Thread.currentThread().getName(), mdc == null || mdc.isEmpty() ? "{}" : mdc.toString());
  }
}

package io.mcpaudit.smoke.clash;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpaudit.smoke.app.SampleServer;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.async.AsyncLoggerContextSelector;

/**
 * The sample server in an application that brings its own Disruptor 3 (through Log4j2 async loggers,
 * which also carry the SDK's own logging), Jackson 2 and Byte Buddy. It uses each library at start
 * (printing one {@code LIBRARIES ...} line), logs and serializes with them on every tool call, and
 * answers the extra tool {@code library_check} with the copies it really uses, then serves as usual.
 */
public final class ClashServer {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Logger log;
  private static String byteBuddy;

  private ClashServer() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("log4j2.contextSelector", AsyncLoggerContextSelector.class.getName());
    log = LogManager.getLogger(ClashServer.class);
    log.info("clash server starting");

    Class<?> generated = new ByteBuddy().subclass(Object.class)
        .method(ElementMatchers.named("toString")).intercept(FixedValue.value("bytebuddy-ok"))
        .make().load(ClashServer.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    byteBuddy = generated.getDeclaredConstructor().newInstance().toString();

    System.out.println("LIBRARIES " + libraries());
    System.out.flush();

    SampleServer.onToolCall(tool -> {
      try {
        // Jackson 2 and an async Log4j2 logger (Disruptor 3 ring buffer) on every call
        log.info("tool call {}", MAPPER.writeValueAsString(Map.of("tool", tool)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    SampleServer.addTool("library_check", ClashServer::libraries);
    SampleServer.main(args);
  }

  /** Which copies the application really uses, and that each works. */
  static String libraries() {
    try {
      ClassLoader log4j = log.getClass().getClassLoader();
      return "disruptor=" + jarOf(Class.forName("com.lmax.disruptor.RingBuffer", false, log4j))
          + " jackson=" + jarOf(ObjectMapper.class) + ":" + com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION
          + ":" + MAPPER.writeValueAsString(Map.of("check", "jackson"))
          + " bytebuddy=" + jarOf(ByteBuddy.class) + ":" + byteBuddy
          + " logger=" + log.getClass().getSimpleName()
          + " asyncSelector=" + AsyncLoggerContextSelector.isSelected();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jarOf(Class<?> type) {
    String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    return location.substring(location.lastIndexOf('/') + 1);
  }
}

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

/**
 * The sample server in an application that brings its own Disruptor 3 (through Log4j2 async loggers,
 * which also carry the SDK's own logging), Jackson 2 and Byte Buddy. It exercises each library, prints
 * one {@code LIBRARIES ...} line saying which copies it really uses, then serves as usual.
 */
public final class ClashServer {
  private ClashServer() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("log4j2.contextSelector", "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
    Logger log = LogManager.getLogger(ClashServer.class);
    log.info("clash server starting");

    String json = new ObjectMapper().writeValueAsString(Map.of("check", "jackson"));
    Class<?> generated = new ByteBuddy().subclass(Object.class)
        .method(ElementMatchers.named("toString")).intercept(FixedValue.value("bytebuddy-ok"))
        .make().load(ClashServer.class.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    String byteBuddy = generated.getDeclaredConstructor().newInstance().toString();

    System.out.println("LIBRARIES"
        + " disruptor=" + jarOf(com.lmax.disruptor.RingBuffer.class)
        + " jackson=" + jarOf(ObjectMapper.class) + ":" + json.replace(" ", "")
        + " bytebuddy=" + jarOf(ByteBuddy.class) + ":" + byteBuddy
        + " logger=" + log.getClass().getSimpleName());
    System.out.flush();
    SampleServer.main(args);
  }

  private static String jarOf(Class<?> type) {
    String location = String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
    return location.substring(location.lastIndexOf('/') + 1);
  }
}

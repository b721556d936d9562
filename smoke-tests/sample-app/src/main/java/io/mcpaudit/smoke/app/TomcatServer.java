package io.mcpaudit.smoke.app;

import jakarta.servlet.http.HttpServlet;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;

/** Serves one of the SDK's servlet transports from embedded Tomcat on 127.0.0.1 (TLS when configured). */
final class TomcatServer {
  private TomcatServer() {}

  static void serve(Object servlet, int port) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("sample-tomcat").toString());
    tomcat.setPort(port);
    tomcat.getConnector().setProperty("address", "127.0.0.1");
    Tls.configure(tomcat.getConnector());
    Context context = tomcat.addContext("", tomcat.getServer().getCatalinaBase().getAbsolutePath());
    Wrapper wrapper = context.createWrapper();
    wrapper.setName("mcp");
    wrapper.setServlet((HttpServlet) servlet);
    wrapper.setLoadOnStartup(1);
    wrapper.setAsyncSupported(true);
    context.addChild(wrapper);
    context.addServletMappingDecoded("/*", "mcp");
    tomcat.start();
    System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
    System.out.flush();
    tomcat.getServer().await();
  }
}

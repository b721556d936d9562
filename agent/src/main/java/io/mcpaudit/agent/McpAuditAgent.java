package io.mcpaudit.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The {@code -javaagent} entry point, loaded by the system class loader. It does as little as
 * possible: put the bootstrap bridge on the bootstrap class path, create the isolated class loader
 * that holds the rest of the agent, and hand over. It uses only JDK classes until the bridge is on
 * the bootstrap class path, so that no bridge class is ever loaded twice.
 */
public final class McpAuditAgent {
  private static final String LOADER = "io.mcpaudit.bootstrap.AgentClassLoader";
  private static final String STARTER = "io.mcpaudit.agent.tooling.AgentStarter";
  private static final String VERIFY = "io.mcpaudit.exporter.integrity.verify.VerifyCommand";

  private McpAuditAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst);
  }

  private static synchronized void start(String args, Instrumentation inst) {
    if (System.getProperty("mcp.audit.attached") != null) {
      System.err.println("[mcp-audit] WARN agent attached twice; the second copy does nothing");
      return;
    }
    System.setProperty("mcp.audit.attached", "true");
    try {
      File jarPath = ownJar();
      inst.appendToBootstrapClassLoaderSearch(new JarFile(jarPath));
      Class<?> loaderClass = Class.forName(LOADER, true, null);
      ClassLoader agentLoader = (ClassLoader) loaderClass
          .getConstructor(JarFile.class, URL.class)
          .newInstance(new JarFile(jarPath), jarPath.toURI().toURL());
      agentLoader.loadClass(STARTER)
          .getMethod("start", Instrumentation.class, String.class, ClassLoader.class)
          .invoke(null, inst, args, agentLoader);
    } catch (Throwable t) {
      System.err.println("[mcp-audit] ERROR agent failed to start; the application runs without auditing: " + t);
    }
  }

  /**
   * {@code java -jar mcp-audit-agent.jar verify …}: checks audit files against their integrity chains (see
   * docs/INTEGRITY.md). The verifier runs in the agent's own class loader, as the agent does.
   */
  public static void main(String[] args) {
    if (args.length == 0 || !args[0].equals("verify")) {
      System.err.println("usage: java -jar mcp-audit-agent.jar verify [--key-file FILE]... [--public-key FILE]..."
          + " [--anchor FILE]... [--json] FILE...\n(as an agent: java -javaagent:mcp-audit-agent.jar ...)");
      System.exit(2);
    }
    int code;
    try {
      File jarPath = ownJar();
      ClassLoader loader = new VerifierLoader(new JarFile(jarPath));
      Object result = loader.loadClass(VERIFY)
          .getMethod("run", String[].class, java.io.PrintStream.class, java.io.PrintStream.class)
          .invoke(null, java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
      code = (Integer) result;
    } catch (Throwable t) {
      System.err.println("mcp-audit verify: failed: " + t);
      code = 2;
    }
    System.exit(code);
  }

  /**
   * Loads the verifier from the hidden {@code inst/*.classdata} entries. Not the agent's class loader: that one is
   * the agent's trust anchor and is created by {@code premain} only.
   */
  private static final class VerifierLoader extends ClassLoader {
    private final JarFile jar;

    VerifierLoader(JarFile jar) {
      super(ClassLoader.getPlatformClassLoader());
      this.jar = jar;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      java.util.jar.JarEntry entry = jar.getJarEntry("inst/" + name.replace('.', '/') + ".classdata");
      if (entry == null) {
        throw new ClassNotFoundException(name);
      }
      try (java.io.InputStream in = jar.getInputStream(entry)) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (java.io.IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  /** Our own jar, found from this class's resource URL (not the protection domain). */
  private static File ownJar() throws Exception {
    URL self = McpAuditAgent.class.getResource("McpAuditAgent.class");
    String url = String.valueOf(self);
    if (!url.startsWith("jar:file:")) {
      throw new IllegalStateException("not running from the agent jar: " + url);
    }
    String path = url.substring("jar:".length(), url.indexOf("!/"));
    return new File(new URI(path));
  }
}

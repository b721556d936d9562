package io.mcpaudit.bootstrap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent proper (Byte Buddy, Disruptor, Jackson, exporters) from {@code inst/*.classdata}
 * entries of the agent jar. Those entries are invisible to the application's class loaders and to
 * class-path scanners, so the agent's dependencies can never clash with the application's own copies.
 * Its parent is the platform loader; the bootstrap bridge is reached through it.
 */
public final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";
  static final String SUFFIX = ".classdata";

  static {
    registerAsParallelCapable();
  }

  /**
   * The agent's loader in this JVM: the first one created, by {@code premain}/{@code agentmain}, before
   * any application code can see this class. {@link AuditBridge} trusts calls from its classes only.
   */
  private static volatile AgentClassLoader agent;

  private final JarFile jar;
  private final URL jarUrl;
  private final ProtectionDomain domain;

  public AgentClassLoader(JarFile jar, URL jarUrl) {
    super("mcp-audit", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    this.jarUrl = jarUrl;
    this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    synchronized (AgentClassLoader.class) {
      if (agent == null) {
        agent = this;
      }
    }
  }

  /** The agent's class loader, or null when this JVM runs the bridge without the agent (unit tests, benchmarks). */
  static AgentClassLoader agent() {
    return agent;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    try (InputStream in = jar.getInputStream(entry)) {
      byte[] bytes = readAll(in);
      definePackageFor(name);
      return defineClass(name, bytes, 0, bytes.length, domain);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot > 0) {
      String pkg = className.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException alreadyDefinedConcurrently) {
          // fine
        }
      }
    }
  }

  /** Class files are served under their normal names so Byte Buddy can read advice bytecode. */
  @Override
  protected URL findResource(String name) {
    String entryName = name.endsWith(".class")
        ? PREFIX + name.substring(0, name.length() - ".class".length()) + SUFFIX
        : PREFIX + name;
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl.toExternalForm() + "!/" + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    InputStream fromParent = getParent().getResourceAsStream(name);
    if (fromParent != null) {
      return fromParent;
    }
    String entryName = name.endsWith(".class")
        ? PREFIX + name.substring(0, name.length() - ".class".length()) + SUFFIX
        : PREFIX + name;
    JarEntry entry = jar.getJarEntry(entryName);
    try {
      return entry == null ? null : jar.getInputStream(entry);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    in.transferTo(out);
    return out.toByteArray();
  }
}

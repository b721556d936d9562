package io.mcpaudit.smoke.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A small PKI made with the JDK's keytool: a CA, a server certificate for 127.0.0.1 and localhost, and a
 * client certificate, both signed by the CA. The files are those an OTLP exporter is configured with
 * (OTEL_EXPORTER_OTLP_CERTIFICATE, _CLIENT_CERTIFICATE, _CLIENT_KEY), plus a PKCS12 keystore for the
 * receiver.
 */
public final class TestCertificates {
  /** Password of every keystore made here. */
  public static final String PASSWORD = "changeit";

  private final Path dir;
  private final X509Certificate ca;

  private TestCertificates(Path dir, X509Certificate ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** Makes the CA, the server and the client certificates in {@code dir} (seven keytool runs, a few seconds). */
  public static TestCertificates create(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
    keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", "CN=mcp-audit test CA", "-ext", "bc:c", "-ext", "ku:c=keyCertSign,cRLSign", "-keystore", "ca.p12");
    X509Certificate ca = (X509Certificate) load(dir.resolve("ca.p12")).getCertificate("ca");
    writePem(dir.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());

    // the two leaves side by side: each is a few JVM starts
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> server = pool.submit(() ->
          signedKeyPair(dir, ca, "server", "CN=localhost", "serverAuth", "san=ip:127.0.0.1,dns:localhost"));
      Future<?> client = pool.submit(() ->
          signedKeyPair(dir, ca, "client", "CN=mcp-audit test client", "clientAuth", null));
      server.get();
      client.get();
    } catch (ExecutionException e) {
      throw new IOException("making the certificates failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }

    KeyStore client = load(dir.resolve("client.p12"));
    StringBuilder chain = new StringBuilder();
    for (Certificate c : client.getCertificateChain("client")) {
      chain.append(pem("CERTIFICATE", c.getEncoded()));
    }
    Files.writeString(dir.resolve("client.pem"), chain);
    // PKCS#8, as "-----BEGIN PRIVATE KEY-----": what OpenTelemetry's client key file holds
    Key key = client.getKey("client", PASSWORD.toCharArray());
    writePem(dir.resolve("client-key.pem"), "PRIVATE KEY", ((PrivateKey) key).getEncoded());
    return new TestCertificates(dir, ca);
  }

  /** The CA certificate, PEM (an exporter's {@code ca_file}). */
  public Path caCertificatePem() {
    return dir.resolve("ca.pem");
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** PKCS12 ({@link #PASSWORD}): the server's key under alias "server" with its chain (server, CA). */
  public Path serverKeyStore() {
    return dir.resolve("server.p12");
  }

  /** PKCS12 ({@link #PASSWORD}): the client's key under alias "client" with its chain (client, CA). */
  public Path clientKeyStore() {
    return dir.resolve("client.p12");
  }

  /** The client certificate chain, PEM, client first (an exporter's {@code cert_file}). */
  public Path clientCertificatePem() {
    return dir.resolve("client.pem");
  }

  /** The client private key, PKCS#8 PEM (an exporter's {@code key_file}). */
  public Path clientKeyPem() {
    return dir.resolve("client-key.pem");
  }

  /** For a server: presents the server certificate and trusts client certificates signed by the CA. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    return context(keyManagers(serverKeyStore()));
  }

  /** For a client: trusts the CA only, and presents the client certificate when asked to. */
  public SSLContext clientContext(boolean withClientCertificate) throws IOException, GeneralSecurityException {
    return context(withClientCertificate ? keyManagers(clientKeyStore()) : null);
  }

  /** A trust manager that trusts the CA only. */
  public X509TrustManager trustManager() throws GeneralSecurityException, IOException {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }

  private SSLContext context(KeyManager[] keys) throws IOException, GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys, new X509TrustManager[] {trustManager()}, null);
    return context;
  }

  private static KeyManager[] keyManagers(Path keyStore) throws IOException, GeneralSecurityException {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(load(keyStore), PASSWORD.toCharArray());
    return factory.getKeyManagers();
  }

  /** A key pair in NAME.p12 whose certificate, signed by the CA, replaces the self-signed one. */
  private static Void signedKeyPair(Path dir, X509Certificate ca, String name, String dname, String extendedKeyUsage,
      String san) throws IOException, InterruptedException, GeneralSecurityException {
    String store = name + ".p12";
    keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
        "-dname", dname, "-keystore", store);
    keytool(dir, "-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", "ca.p12",
        "-infile", name + ".csr", "-outfile", name + ".crt", "-rfc", "-validity", "7",
        "-ext", "ku:c=digitalSignature,keyEncipherment", "-ext", "eku=" + extendedKeyUsage));
    if (san != null) {
      sign.addAll(List.of("-ext", san));
    }
    keytool(dir, sign.toArray(String[]::new));
    // what keytool -importcert of the reply would do, without two more JVM starts: key, then chain
    KeyStore keys = load(dir.resolve(store));
    Key key = keys.getKey(name, PASSWORD.toCharArray());
    Certificate signed;
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
      signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    keys.setKeyEntry(name, key, PASSWORD.toCharArray(), new Certificate[] {signed, ca});
    try (OutputStream out = Files.newOutputStream(dir.resolve(store))) {
      keys.store(out, PASSWORD.toCharArray());
    }
    return null; // a Callable for the pool
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    // a short-lived JVM: C1 only and the serial collector start it about twice as fast
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close(); // a prompt reads end of input and fails instead of waiting
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    Files.writeString(file, pem(type, der));
  }

  private static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}

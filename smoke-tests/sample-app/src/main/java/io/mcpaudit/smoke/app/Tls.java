package io.mcpaudit.smoke.app;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Optional mutual TLS for the sample: {@code -Dsample.tls.keystore}, {@code -Dsample.tls.truststore}
 * (PKCS12) and {@code -Dsample.tls.password}. The server then requires a client certificate.
 */
final class Tls {
  private Tls() {}

  static boolean enabled() {
    return System.getProperty("sample.tls.keystore") != null;
  }

  static void configure(Connector connector) {
    if (!enabled()) {
      return;
    }
    connector.setScheme("https");
    connector.setSecure(true);
    connector.setProperty("SSLEnabled", "true");
    SSLHostConfig ssl = new SSLHostConfig();
    ssl.setCertificateVerification("required");
    ssl.setTruststoreFile(System.getProperty("sample.tls.truststore"));
    ssl.setTruststorePassword(password());
    ssl.setTruststoreType("PKCS12");
    SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.RSA);
    certificate.setCertificateKeystoreFile(System.getProperty("sample.tls.keystore"));
    certificate.setCertificateKeystorePassword(password());
    certificate.setCertificateKeystoreType("PKCS12");
    ssl.addCertificate(certificate);
    connector.addSslHostConfig(ssl);
  }

  static SSLContext clientContext() throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(load("sample.tls.keystore"), password().toCharArray());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(load("sample.tls.truststore"));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(String property) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(Path.of(System.getProperty(property)))) {
      store.load(in, password().toCharArray());
    }
    return store;
  }

  private static String password() {
    return System.getProperty("sample.tls.password", "changeit");
  }
}

package io.mcpaudit.exporter.spi.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM files, as OpenTelemetry's exporters take them: the certificates to trust
 * ({@code OTEL_EXPORTER_OTLP_CERTIFICATE}), and for mutual TLS a client certificate chain and its PKCS#8
 * private key ({@code …_CLIENT_CERTIFICATE}, {@code …_CLIENT_KEY}; RSA or EC, as {@code openssl genpkey}
 * writes them). Without a CA file the JDK's default trust store is used.
 */
public final class TlsFiles {
  private TlsFiles() {}

  /** Null when no file is given (the JDK's defaults apply). */
  public static SSLContext context(String caFile, String certFile, String keyFile) throws IOException {
    if (caFile == null && certFile == null && keyFile == null) {
      return null;
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("a client certificate needs both its certificate file and its key file");
    }
    try {
      TrustManagerFactory trust = null;
      if (caFile != null) {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(Path.of(caFile))) {
          trusted.setCertificateEntry("ca-" + i++, ca);
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
      }
      KeyManagerFactory keys = null;
      if (certFile != null) {
        List<Certificate> chain = certificates(Path.of(certFile));
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        char[] password = new char[0];
        identity.setKeyEntry("client", privateKey(Path.of(keyFile)), password, chain.toArray(new Certificate[0]));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot build the TLS context from the given files: " + e.getMessage());
    }
  }

  private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
    if (read.isEmpty()) {
      throw new IllegalArgumentException(pem + " holds no certificate");
    }
    return new ArrayList<>(read);
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // another algorithm
      }
    }
    throw new IllegalArgumentException(pem + " holds a key of an unsupported algorithm");
  }
}

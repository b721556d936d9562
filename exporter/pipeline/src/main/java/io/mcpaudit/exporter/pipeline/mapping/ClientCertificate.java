package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import io.mcpaudit.exporter.model.json.Text;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

/**
 * The mTLS client certificate's subject DN and SPIFFE ID (a {@code spiffe://} URI SAN). The connector
 * has already validated the chain against its trust store; this only reads what it accepted.
 */
final class ClientCertificate {
  private static final int URI_SAN = 6;

  private ClientCertificate() {}

  static void read(X509Certificate certificate, ActivityEvent event) {
    if (certificate == null) {
      return;
    }
    event.mtlsSubject = Text.clean(certificate.getSubjectX500Principal().getName(), Text.URI);
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names == null) {
        return;
      }
      for (List<?> name : names) {
        if (name.size() == 2 && Integer.valueOf(URI_SAN).equals(name.get(0))
            && String.valueOf(name.get(1)).startsWith("spiffe://")) {
          event.spiffeId = Text.clean(String.valueOf(name.get(1)), Text.URI);
          return;
        }
      }
    } catch (CertificateParsingException malformed) {
      // subject only
    }
  }
}

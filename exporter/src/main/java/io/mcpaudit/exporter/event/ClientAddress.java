package io.mcpaudit.exporter.event;

import io.mcpaudit.exporter.json.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who is really on the other end of an HTTP request. {@code X-Forwarded-For} and {@code Forwarded}
 * are set by whoever sent the request, so they are believed only when the peer is a configured
 * trusted proxy; then the source is the nearest hop that is not itself a trusted proxy.
 */
final class ClientAddress {
  private static final int MAX_HOPS = 16;

  private ClientAddress() {}

  static void resolve(String peer, String forwardedFor, String forwarded, List<Cidr> trusted, ActivityEvent event) {
    event.sourceIp = Text.clean(peer, Text.NAME);
    if (trusted.isEmpty() || !isTrusted(peer, trusted)) {
      return; // an untrusted peer could claim anything
    }
    List<String> chain = new ArrayList<>();
    hops(forwardedFor, forwarded, chain);
    if (chain.isEmpty()) {
      return;
    }
    event.forwardedFor.addAll(chain);
    for (int i = chain.size() - 1; i >= 0; i--) {
      if (!isTrusted(chain.get(i), trusted)) {
        event.sourceIp = chain.get(i);
        event.sourcePort = -1; // the port we saw belongs to the proxy
        return;
      }
    }
    event.sourceIp = chain.get(0);
    event.sourcePort = -1;
  }

  private static boolean isTrusted(String address, List<Cidr> trusted) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** Client first, nearest proxy last, as both headers list them; Forwarded wins when both are present. */
  private static void hops(String forwardedFor, String forwarded, List<String> chain) {
    if (forwarded != null && !forwarded.isBlank()) {
      for (String element : forwarded.split(",")) {
        for (String pair : element.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
            add(chain, nodeAddress(pair.substring(eq + 1).trim()));
          }
        }
      }
      return;
    }
    if (forwardedFor != null) {
      for (String hop : forwardedFor.split(",")) {
        add(chain, hop.trim());
      }
    }
  }

  /** {@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}; {@code 192.0.2.1:80} → {@code 192.0.2.1}. */
  private static String nodeAddress(String node) {
    String value = node.startsWith("\"") && node.endsWith("\"") && node.length() > 1
        ? node.substring(1, node.length() - 1) : node;
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end > 0 ? value.substring(1, end) : value;
    }
    int colon = value.indexOf(':');
    return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
  }

  private static void add(List<String> chain, String hop) {
    if (!hop.isEmpty() && chain.size() < MAX_HOPS) {
      chain.add(Text.clean(hop, 64));
    }
  }
}

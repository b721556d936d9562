package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import io.mcpaudit.exporter.model.json.Text;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * Who is really on the other end of an HTTP request. The forwarding header ({@code X-Forwarded-For}
 * by default, or RFC 7239 {@code Forwarded}: whichever the proxy manages) is written by whoever sent
 * the request, so it is believed only when the peer is a configured trusted proxy. Each proxy appends
 * the address it received the request from, so the chain is read from the right (the hop the nearest
 * proxy wrote) across every header line: the source is the first hop that is not itself a trusted
 * proxy, however many hops the client forged to the left of it.
 */
final class ClientAddress {
  /** Hops kept in {@code forwarded_for}: the nearest ones, from the source towards this server. */
  static final int MAX_HOPS = 16;

  private ClientAddress() {}

  static void resolve(String peer, String forwarded, boolean rfc7239, List<Cidr> trusted, ActivityEvent event) {
    event.sourceIp = Text.clean(peer, Text.NAME);
    if (trusted.isEmpty() || forwarded == null || !isTrusted(peer, trusted)) {
      return; // an untrusted peer could claim anything
    }
    ArrayDeque<String> vouched = new ArrayDeque<>();
    String source = null;
    int end = forwarded.length();
    while (end > 0) {
      int comma = forwarded.lastIndexOf(',', end - 1);
      String element = forwarded.substring(comma + 1, end).trim();
      end = comma;
      String hop = rfc7239 ? forNode(element) : nodeAddress(element);
      if (hop == null || hop.isEmpty()) {
        continue; // a Forwarded element without for=, or an empty list item
      }
      hop = Text.clean(hop, 64);
      if (vouched.size() < MAX_HOPS) {
        vouched.addFirst(hop);
      }
      source = hop;
      if (!isTrusted(hop, trusted)) {
        break; // the hops further left were written by the client, not by a proxy we trust
      }
    }
    if (source == null) {
      return;
    }
    event.sourceIp = source; // if every hop is a trusted proxy, the farthest one is the best we know
    event.sourcePort = -1; // the port we saw belongs to the proxy
    event.forwardedFor.addAll(vouched);
  }

  private static boolean isTrusted(String address, List<Cidr> trusted) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code for=} node of one RFC 7239 element ({@code for=192.0.2.43;proto=https}), or null. */
  private static String forNode(String element) {
    int from = 0;
    while (from < element.length()) {
      int semicolon = element.indexOf(';', from);
      int to = semicolon < 0 ? element.length() : semicolon;
      int eq = element.indexOf('=', from);
      if (eq > from && eq < to && element.substring(from, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
        return nodeAddress(element.substring(eq + 1, to).trim());
      }
      from = to + 1;
    }
    return null;
  }

  /** {@code "[2001:db8::1]:4711"} → {@code 2001:db8::1}; {@code 192.0.2.1:80} → {@code 192.0.2.1}. */
  private static String nodeAddress(String node) {
    String value = node.length() > 1 && node.startsWith("\"") && node.endsWith("\"")
        ? node.substring(1, node.length() - 1) : node;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      return close > 0 ? value.substring(1, close) : value;
    }
    int colon = value.indexOf(':');
    return colon > 0 && value.indexOf(':', colon + 1) < 0 ? value.substring(0, colon) : value;
  }
}

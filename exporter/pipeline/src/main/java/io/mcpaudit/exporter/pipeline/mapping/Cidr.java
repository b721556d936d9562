package io.mcpaudit.exporter.pipeline.mapping;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}, or a single address. Only
 * address literals are accepted, parsed by hand ({@link IpLiteral}): resolving a host name here would put DNS
 * on the exporter's path, for strings an attacker wrote.
 */
public final class Cidr {
  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  /** Parses {@code address[/prefix]}; throws IllegalArgumentException for anything else. */
  public static Cidr parse(String text) {
    String value = text.trim();
    int slash = value.indexOf('/');
    byte[] address = literal(slash < 0 ? value : value.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
    }
    int bits = address.length * 8;
    int prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("bad prefix length in " + text);
    }
    return new Cidr(address, prefix);
  }

  public boolean contains(String address) {
    byte[] candidate = literal(address);
    if (candidate == null || candidate.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (candidate[full] & mask) == (network[full] & mask);
  }

  /** The bytes of an IPv4/IPv6 literal (IPv4-mapped IPv6 comes back as IPv4), or null. */
  static byte[] literal(String text) {
    return IpLiteral.parse(text);
  }
}

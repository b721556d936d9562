package io.mcpaudit.exporter.pipeline.mapping;

/**
 * Parses IPv4 and IPv6 address literals by hand. {@code InetAddress.getByName} is not used: given a
 * string that merely looks like an address ({@code .:1}, {@code 1.2.3}), it may fall back to a DNS
 * lookup, and the strings here come from headers a client wrote.
 */
final class IpLiteral {
  private IpLiteral() {}

  /** The address bytes (4 or 16; an IPv4-mapped IPv6 address comes back as 4), or null when not a literal. */
  static byte[] parse(String text) {
    if (text == null) {
      return null;
    }
    String s = text.trim();
    if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    return s.indexOf(':') >= 0 ? ipv6(s) : ipv4(s, 0, s.length());
  }

  private static byte[] ipv4(String s, int from, int to) {
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = from; i <= to; i++) {
      char c = i < to ? s.charAt(i) : '.';
      if (c >= '0' && c <= '9') {
        if (digits == 3) {
          return null;
        }
        value = value * 10 + (c - '0');
        digits++;
      } else if (c == '.') {
        if (digits == 0 || value > 255 || part == 4) {
          return null;
        }
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    return part == 4 ? out : null;
  }

  private static byte[] ipv6(String s) {
    int[] groups = new int[8];
    int count = 0;
    int gap = -1; // index in groups where "::" stands
    int i = 0;
    int n = s.length();
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (i == n) {
        return new byte[16];
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      int start = i;
      int value = 0;
      while (i < n && hex(s.charAt(i)) >= 0 && i - start < 4) {
        value = value * 16 + hex(s.charAt(i));
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // an embedded IPv4 address: the last 32 bits
        byte[] v4 = ipv4(s, start, n);
        if (v4 == null || count > 6) {
          return null;
        }
        groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
        groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        return null;
      }
      groups[count++] = value;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return null; // "::" twice
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null; // ends with a single ':'
      }
    }
    if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    int missing = 8 - count;
    for (int g = 0, at = 0; g < count; g++) {
      if (g == gap) {
        at += missing;
      }
      out[2 * at] = (byte) (groups[g] >> 8);
      out[2 * at + 1] = (byte) groups[g];
      at++;
    }
    return mappedIpv4(out);
  }

  /** {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d, as the JDK treats it. */
  private static byte[] mappedIpv4(byte[] v6) {
    for (int i = 0; i < 10; i++) {
      if (v6[i] != 0) {
        return v6;
      }
    }
    if ((v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF) {
      return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }
    return v6;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}

package io.mcpaudit.exporter.privacy;

/**
 * What of a resource URI an event keeps: scheme, host, port and path; the names of query parameters
 * but not their values; no user information ({@code user:password@}) and no fragment. Resource URIs
 * are chosen by clients and servers alike, and query strings and user information routinely carry
 * tokens ({@code ?access_token=…}, {@code https://user:pass@host/}). Works on any string, not only on
 * URIs {@link java.net.URI} accepts.
 */
public final class ResourceUris {
  private ResourceUris() {}

  public static String sanitize(String uri) {
    if (uri == null) {
      return null;
    }
    // user information first: a malformed one may hold '?' or '#', which must not hide it
    String withoutUser = withoutUserInfo(uri);
    int fragment = withoutUser.indexOf('#');
    String value = fragment >= 0 ? withoutUser.substring(0, fragment) : withoutUser;
    int query = value.indexOf('?');
    StringBuilder out = new StringBuilder(value.length());
    out.append(query >= 0 ? value.substring(0, query) : value);
    if (query >= 0) {
      out.append('?');
      appendParameterNames(value, query + 1, out);
    }
    return out.toString();
  }

  /**
   * {@code scheme://user:pw@host/path} → {@code scheme://host/path}: everything up to the last {@code @} before
   * the path; anything without an authority as is.
   */
  private static String withoutUserInfo(String value) {
    int scheme = value.indexOf("://");
    if (scheme < 0) {
      return value;
    }
    int authorityStart = scheme + 3;
    int authorityEnd = value.indexOf('/', authorityStart);
    if (authorityEnd < 0) {
      authorityEnd = value.length();
    }
    int at = value.lastIndexOf('@', authorityEnd - 1);
    if (at < authorityStart) {
      return value;
    }
    return value.substring(0, authorityStart) + value.substring(at + 1);
  }

  /** {@code a=1&b=2&flag} → {@code a=&b=&flag}: names stay, so the shape of the request is still visible. */
  private static void appendParameterNames(String value, int from, StringBuilder out) {
    int at = from;
    boolean first = true;
    while (at <= value.length()) {
      int amp = value.indexOf('&', at);
      int end = amp < 0 ? value.length() : amp;
      String pair = value.substring(at, end);
      if (!first) {
        out.append('&');
      }
      first = false;
      int eq = pair.indexOf('=');
      out.append(eq >= 0 ? pair.substring(0, eq + 1) : pair);
      if (amp < 0) {
        break;
      }
      at = amp + 1;
    }
  }
}

package io.mcpaudit.benchmarks.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A lean MCP Streamable-HTTP client: one keep-alive HTTP/1.1 connection over a plain socket, one MCP session.
 * It exists so the load generator costs a few µs per request instead of the SDK client's tens (Reactor, the JDK
 * HTTP client, Jackson), which on a 2-core machine had made the client, not the server, the bottleneck.
 *
 * <p>{@link #open} does the handshake (POST initialize, read {@code Mcp-Session-Id}, POST
 * notifications/initialized); {@link #call} then POSTs a pre-built {@code tools/call echo} whose JSON-RPC id (a
 * fixed-width string) is rewritten in place, and reads the whole response: Content-Length or chunked bodies,
 * JSON or an SSE stream (the SDK answers a request POST with {@code text/event-stream} and closes the stream after
 * the one response, so the end of the chunked body is the end of the response). Not thread-safe: one per thread.
 */
final class HttpConnection implements Caller {
  static final String PROTOCOL_VERSION = "2025-06-18";
  private static final byte[] RESULT_MARKER = "\"text\":\"echo:hi\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_MARKER = "\"isError\":true".getBytes(StandardCharsets.US_ASCII);
  private static final int ID_DIGITS = 12;

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int limit;
  private byte[] body = new byte[4 * 1024];
  private int bodyLength;
  private String sessionId;
  private boolean closeAfterResponse;

  private byte[] callRequest;
  private int idOffset;
  private long nextId = 1;

  private HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** Connects and initializes an MCP session; throws when the server does not answer as MCP requires. */
  static HttpConnection open(String host, int port) throws IOException {
    HttpConnection c = new HttpConnection(host, port);
    try {
      c.connect();
    } catch (IOException e) {
      c.closeSocket();
      throw e;
    }
    return c;
  }

  private void connect() throws IOException {
    closeSocket();
    socket = new Socket();
    socket.setTcpNoDelay(true); // small request/response pairs: Nagle would add delayed-ACK stalls
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(30_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    pos = limit = 0;
    sessionId = null;
    String init = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
        + PROTOCOL_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-load\",\"version\":\"1\"}}}";
    int status = exchange(request(init, null));
    if (status != 200 || sessionId == null) {
      throw new IOException("initialize answered " + status + " without a session id");
    }
    status = exchange(request("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", sessionId));
    if (status != 202 && status != 200) {
      throw new IOException("notifications/initialized answered " + status);
    }
    String call = "{\"jsonrpc\":\"2.0\",\"id\":\"" + "0".repeat(ID_DIGITS)
        + "\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}";
    callRequest = request(call, sessionId);
    idOffset = indexOf(callRequest, callRequest.length, ("\"id\":\"").getBytes(StandardCharsets.US_ASCII),
        callRequest.length - call.length()) + 6;
  }

  private byte[] request(String json, String session) {
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST /mcp HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
        + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
        + (session == null ? "" : "Mcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: " + PROTOCOL_VERSION + "\r\n")
        + "Content-Length: " + payload.length + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + payload.length);
    System.arraycopy(payload, 0, all, headBytes.length, payload.length);
    return all;
  }

  @Override
  public boolean call() throws IOException {
    if (socket == null) {
      try {
        connect(); // the previous request failed: a new connection and session, as a real client would retry
      } catch (IOException e) {
        closeSocket();
        throw e;
      }
    }
    long id = nextId++;
    for (int i = idOffset + ID_DIGITS - 1; i >= idOffset; i--, id /= 10) {
      callRequest[i] = (byte) ('0' + id % 10);
    }
    try {
      int status = exchange(callRequest);
      boolean ok = status == 200 && indexOf(body, bodyLength, RESULT_MARKER, 0) >= 0
          && indexOf(body, bodyLength, ERROR_MARKER, 0) < 0;
      if (closeAfterResponse) {
        closeSocket();
      }
      return ok;
    } catch (IOException e) {
      closeSocket();
      throw e;
    }
  }

  /** Writes one request, reads the status line, headers and the whole body; returns the status. */
  private int exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    String statusLine = readLine();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    closeAfterResponse = false;
    String line;
    while (!(line = readLine()).isEmpty()) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase().contains("chunked");
      } else if (name.equalsIgnoreCase("Mcp-Session-Id")) {
        sessionId = value;
      } else if (name.equalsIgnoreCase("Connection")) {
        closeAfterResponse = value.equalsIgnoreCase("close");
      }
    }
    bodyLength = 0;
    if (chunked) {
      long size;
      while ((size = Long.parseLong(stripExtension(readLine()), 16)) > 0) {
        readBody((int) size);
        if (!readLine().isEmpty()) {
          throw new IOException("chunk not followed by CRLF");
        }
      }
      while (!readLine().isEmpty()) {
        // trailers: none expected, skipped
      }
    } else if (contentLength > 0) {
      readBody((int) contentLength);
    } else if (contentLength < 0 && status != 202 && status != 204) {
      closeAfterResponse = true; // a body delimited by closing the connection: not used by the SDK, not read
    }
    return status;
  }

  private static String stripExtension(String chunkSizeLine) {
    int semicolon = chunkSizeLine.indexOf(';');
    return (semicolon < 0 ? chunkSizeLine : chunkSizeLine.substring(0, semicolon)).trim();
  }

  private void readBody(int n) throws IOException {
    if (bodyLength + n > body.length) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
    }
    while (n > 0) {
      if (pos == limit) {
        fill();
      }
      int take = Math.min(n, limit - pos);
      System.arraycopy(buf, pos, body, bodyLength, take);
      pos += take;
      bodyLength += take;
      n -= take;
    }
  }

  /** One CRLF-terminated line of ASCII (header lines are short; strings only here, not for the body). */
  private String readLine() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos == limit) {
        fill();
      }
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          String part = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          if (line == null) {
            return part;
          }
          line.append(part);
          int last = line.length() - 1;
          return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
        }
      }
      if (line == null) {
        line = new StringBuilder();
      }
      line.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
      pos = limit;
    }
  }

  private void fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      throw new EOFException("the server closed the connection");
    }
    pos = 0;
    limit = n;
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void closeSocket() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }

  @Override
  public void close() {
    closeSocket();
  }
}

package io.mcpaudit.exporter.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the mapping takes out of one native event besides its body: the values of the attributes, the
 * times, the trace context, and what its resource is made of. Strings are kept as UTF-8 in one reused
 * buffer (ranges per field), so reading an event allocates nothing.
 */
final class EventFields {
  // attributes and mapped values, by the native field they come from
  static final int EVENT_TYPE = 0;
  static final int EVENT_ID = 1;
  static final int CORRELATION_ID = 2;
  static final int METHOD = 3; // activity.mcp_operation
  static final int SESSION_ID = 4; // identity.session_id
  static final int PROTOCOL_VERSION = 5; // target.protocol_version
  static final int REQUEST_ID = 6; // activity.jsonrpc_id
  static final int TOOL = 7;
  static final int PROMPT = 8;
  static final int RESOURCE_URI = 9;
  static final int ERROR_CODE = 10; // outcome.error_code, as its decimal text
  static final int ERROR_TYPE = 11;
  static final int SOURCE_IP = 12;
  static final int PRINCIPAL = 13;
  static final int STATUS = 14;
  // the producer's resource, where the journal's producer resource does not say it
  static final int SERVER_ID = 15;
  static final int SERVER_NAME = 16;
  static final int SERVER_VERSION = 17;
  static final int ENVIRONMENT = 18;
  static final int HOST = 19;
  static final int INSTANCE_ID = 20;
  static final int COUNT = 21;

  private static final byte[] SUCCESS = "success".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ACTIVITY = "mcp_activity".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GAP = "audit_gap".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ALERT = "mcp_alert".getBytes(StandardCharsets.US_ASCII);

  final ByteSink values = new ByteSink(1024);
  final int[] start = new int[COUNT];
  final int[] length = new int[COUNT];
  /** Event time in nanoseconds since the epoch; 0 when absent or unreadable (the field is then left out). */
  long timeNanos;
  /** identity.source_port; -1 when absent. */
  long sourcePort;
  final byte[] traceId = new byte[16];
  final byte[] spanId = new byte[8];
  boolean hasTraceId;
  boolean hasSpanId;

  void clear() {
    values.reset();
    Arrays.fill(length, -1);
    timeNanos = 0;
    sourcePort = -1;
    hasTraceId = false;
    hasSpanId = false;
  }

  boolean has(int field) {
    return length[field] >= 0;
  }

  void set(int field, byte[] utf8, int offset, int len) {
    start[field] = values.size;
    values.raw(utf8, offset, len);
    length[field] = len;
  }

  boolean is(int field, byte[] expected) {
    int len = length[field];
    return len == expected.length && Arrays.equals(values.data, start[field], start[field] + len, expected, 0, len);
  }

  boolean success() {
    return is(STATUS, SUCCESS);
  }

  /** WARN for gaps, alerts, and activity that did not succeed; INFO otherwise. */
  boolean warn() {
    return is(EVENT_TYPE, GAP) || is(EVENT_TYPE, ALERT) || is(EVENT_TYPE, ACTIVITY) && !success();
  }

  /** error.type: the outcome's error type, else its status, when the status is there and not success. */
  int errorTypeField() {
    if (!has(STATUS) || success()) {
      return -1;
    }
    return has(ERROR_TYPE) ? ERROR_TYPE : STATUS;
  }
}

package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import java.util.Map;

/**
 * {@code http/json}: the request in the OTLP/JSON encoding ({@code application/json}): proto3 JSON with
 * lowerCamelCase names, 64-bit integers as decimal strings, enums as numbers, and trace and span ids as hex
 * (not base64), as the OTLP specification asks.
 */
final class JsonLogsEncoder extends LogsEncoder {
  static final String CONTENT_TYPE = "application/json";

  private static final byte[] BEGIN = bytes("{\"resourceLogs\":[");
  private static final byte[] END = bytes("]}");
  private static final byte[] RESOURCE = bytes("{\"resource\":{\"attributes\":[");
  private static final byte[] SCOPE = bytes("]},\"scopeLogs\":[{\"scope\":{\"name\":\"" + SCOPE_NAME + "\",\"version\":");
  private static final byte[] RECORDS = bytes("},\"logRecords\":[");
  private static final byte[] END_GROUP = bytes("]}]},");
  private static final byte[] TIME = bytes("{\"timeUnixNano\":\"");
  private static final byte[] OBSERVED_FIRST = bytes("{\"observedTimeUnixNano\":\"");
  private static final byte[] OBSERVED = bytes("\",\"observedTimeUnixNano\":\"");
  private static final byte[] SEVERITY_INFO_JSON = bytes("\",\"severityNumber\":9,\"severityText\":\"INFO\",\"body\":");
  private static final byte[] SEVERITY_WARN_JSON = bytes("\",\"severityNumber\":13,\"severityText\":\"WARN\",\"body\":");
  private static final byte[] ATTRIBUTES = bytes(",\"attributes\":[");
  private static final byte[] KEY = bytes("{\"key\":");
  private static final byte[] STRING_VALUE = bytes(",\"value\":{\"stringValue\":");
  private static final byte[] INT_VALUE = bytes(",\"value\":{\"intValue\":\"");
  private static final byte[] END_STRING_ATTRIBUTE = bytes("}},");
  private static final byte[] END_INT_ATTRIBUTE = bytes("\"}},");
  private static final byte[] TRACE_ID = bytes(",\"traceId\":");
  private static final byte[] SPAN_ID = bytes(",\"spanId\":");
  private static final byte[] EVENT_NAME = bytes(",\"eventName\":\"mcp.audit.");

  private final JsonWriter out = new JsonWriter(512 * 1024);
  private final JsonBody body = new JsonBody();

  JsonLogsEncoder(String agentVersion) {
    super(agentVersion);
  }

  @Override
  void begin() {
    out.reset();
    out.raw(BEGIN);
  }

  @Override
  BodyWriter clearBody() {
    body.clear();
    return body;
  }

  @Override
  void startGroup(Map<String, String> resource) {
    out.raw(RESOURCE);
    for (Map.Entry<String, String> attribute : resource.entrySet()) {
      byte[] key = bytes(attribute.getKey());
      Long number = intAttribute(attribute.getKey(), attribute.getValue());
      if (number != null) {
        intAttribute(key, number);
      } else {
        byte[] value = bytes(attribute.getValue());
        stringAttribute(key, value, 0, value.length);
      }
    }
    out.dropComma();
    out.raw(SCOPE);
    out.string(scopeVersion, 0, scopeVersion.length);
    out.raw(RECORDS);
  }

  @Override
  void record(EventFields f, long observedNanos) {
    if (f.timeNanos != 0) {
      out.raw(TIME);
      out.decimal(f.timeNanos);
      out.raw(OBSERVED);
    } else {
      out.raw(OBSERVED_FIRST);
    }
    out.decimal(observedNanos);
    out.raw(f.warn() ? SEVERITY_WARN_JSON : SEVERITY_INFO_JSON);
    out.raw(body.out.data(), 0, body.out.size());
    out.raw(ATTRIBUTES);
    attributes(f);
    byte[] values = f.values.data();
    out.dropComma();
    out.raw((byte) ']');
    if (f.hasTraceId) {
      out.raw(TRACE_ID);
      out.hex(f.traceId, 16);
    }
    if (f.hasSpanId) {
      out.raw(SPAN_ID);
      out.hex(f.spanId, 8);
    }
    if (f.has(EventFields.EVENT_TYPE)) {
      out.raw(EVENT_NAME);
      out.escaped(values, f.start[EventFields.EVENT_TYPE], f.length[EventFields.EVENT_TYPE]);
      out.raw((byte) '"');
    }
    out.raw((byte) '}');
    out.raw((byte) ',');
  }

  @Override
  void stringAttribute(byte[] key, byte[] value, int offset, int length) {
    out.raw(KEY);
    out.string(key, 0, key.length);
    out.raw(STRING_VALUE);
    out.string(value, offset, length);
    out.raw(END_STRING_ATTRIBUTE);
  }

  @Override
  void intAttribute(byte[] key, long value) {
    out.raw(KEY);
    out.string(key, 0, key.length);
    out.raw(INT_VALUE);
    out.decimal(value);
    out.raw(END_INT_ATTRIBUTE);
  }

  @Override
  void endGroup() {
    out.dropComma();
    out.raw(END_GROUP);
  }

  @Override
  EncodedRequest finish(int events) {
    out.dropComma();
    out.raw(END);
    return new EncodedRequest(out.data(), out.size(), CONTENT_TYPE, null, events);
  }
}

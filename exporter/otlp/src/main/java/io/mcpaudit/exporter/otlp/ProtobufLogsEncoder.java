package io.mcpaudit.exporter.otlp;

import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import java.util.Map;

/**
 * {@code http/protobuf}: the request in protobuf binary ({@code application/x-protobuf}), field numbers from
 * opentelemetry-proto's {@code collector/logs/v1}, {@code logs/v1}, {@code common/v1} and {@code resource/v1}.
 */
final class ProtobufLogsEncoder extends LogsEncoder {
  static final String CONTENT_TYPE = "application/x-protobuf";

  // ExportLogsServiceRequest
  private static final int RESOURCE_LOGS = 1;
  // ResourceLogs
  private static final int RESOURCE = 1;
  private static final int SCOPE_LOGS = 2;
  // Resource
  private static final int RESOURCE_ATTRIBUTES = 1;
  // ScopeLogs
  private static final int SCOPE = 1;
  private static final int LOG_RECORDS = 2;
  // InstrumentationScope
  private static final int SCOPE_NAME_FIELD = 1;
  private static final int SCOPE_VERSION = 2;
  // LogRecord
  private static final int TIME_UNIX_NANO = 1;
  private static final int SEVERITY_NUMBER = 2;
  private static final int SEVERITY_TEXT = 3;
  private static final int BODY = 5;
  private static final int ATTRIBUTES = 6;
  private static final int TRACE_ID = 9;
  private static final int SPAN_ID = 10;
  private static final int OBSERVED_TIME_UNIX_NANO = 11;
  private static final int EVENT_NAME = 12;
  // KeyValue, AnyValue
  private static final int KEY = 1;
  private static final int VALUE = 2;
  private static final int STRING_VALUE = 1;
  private static final int INT_VALUE = 3;

  private static final byte[] SCOPE_NAME_BYTES = bytes(SCOPE_NAME);

  private final ProtoWriter out = new ProtoWriter(256 * 1024);
  private final ProtoBody body = new ProtoBody();

  ProtobufLogsEncoder(String agentVersion) {
    super(agentVersion);
  }

  @Override
  void begin() {
    out.clear();
  }

  @Override
  BodyWriter clearBody() {
    body.clear();
    return body;
  }

  @Override
  void startGroup(Map<String, String> resource) {
    out.open(RESOURCE_LOGS, 3);
    out.open(RESOURCE, 2);
    for (Map.Entry<String, String> attribute : resource.entrySet()) {
      out.open(RESOURCE_ATTRIBUTES);
      out.stringField(KEY, bytes(attribute.getKey()));
      out.open(VALUE);
      Long number = intAttribute(attribute.getKey(), attribute.getValue());
      if (number != null) {
        out.varintField(INT_VALUE, number);
      } else {
        out.stringField(STRING_VALUE, bytes(attribute.getValue()));
      }
      out.close();
      out.close();
    }
    out.close();
    out.open(SCOPE_LOGS, 3);
    out.open(SCOPE);
    out.stringField(SCOPE_NAME_FIELD, SCOPE_NAME_BYTES);
    out.stringField(SCOPE_VERSION, scopeVersion);
    out.close();
  }

  @Override
  void record(EventFields f, long observedNanos) {
    out.open(LOG_RECORDS, 2);
    if (f.timeNanos != 0) {
      out.fixed64(TIME_UNIX_NANO, f.timeNanos);
    }
    out.fixed64(OBSERVED_TIME_UNIX_NANO, observedNanos);
    boolean warn = f.warn();
    out.varintField(SEVERITY_NUMBER, warn ? SEVERITY_WARN : SEVERITY_INFO);
    out.stringField(SEVERITY_TEXT, warn ? WARN : INFO);
    out.bytesField(BODY, body.out.data(), 0, body.out.size());
    attributes(f);
    if (f.hasTraceId) {
      out.bytesField(TRACE_ID, f.traceId, 0, 16);
    }
    if (f.hasSpanId) {
      out.bytesField(SPAN_ID, f.spanId, 0, 8);
    }
    if (f.has(EventFields.EVENT_TYPE)) {
      int length = f.length[EventFields.EVENT_TYPE];
      out.tag(EVENT_NAME, ProtoWriter.LEN);
      out.varint(EVENT_NAME_PREFIX.length + length);
      out.raw(EVENT_NAME_PREFIX);
      out.raw(f.values.data(), f.start[EventFields.EVENT_TYPE], length);
    }
    out.close();
  }

  /** A KeyValue whose lengths are known up front: written without reserving room. */
  @Override
  void stringAttribute(byte[] key, byte[] value, int offset, int length) {
    int anyValue = 1 + ProtoWriter.varintSize(length) + length;
    int keyValue = 1 + ProtoWriter.varintSize(key.length) + key.length + 1 + ProtoWriter.varintSize(anyValue) + anyValue;
    out.tag(ATTRIBUTES, ProtoWriter.LEN);
    out.varint(keyValue);
    out.stringField(KEY, key);
    out.tag(VALUE, ProtoWriter.LEN);
    out.varint(anyValue);
    out.bytesField(STRING_VALUE, value, offset, length);
  }

  @Override
  void intAttribute(byte[] key, long value) {
    out.open(ATTRIBUTES);
    out.stringField(KEY, key);
    out.open(VALUE);
    out.varintField(INT_VALUE, value);
    out.close();
    out.close();
  }

  @Override
  void endGroup() {
    out.close(); // ScopeLogs
    out.close(); // ResourceLogs
  }

  @Override
  EncodedRequest finish(int events) {
    return new EncodedRequest(out.data(), out.size(), CONTENT_TYPE, null, events);
  }
}

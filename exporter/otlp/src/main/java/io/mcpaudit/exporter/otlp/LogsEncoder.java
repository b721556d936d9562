package io.mcpaudit.exporter.otlp;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch of native lines as one OTLP {@code ExportLogsServiceRequest}: one LogRecord per event (docs/DELIVERY.md,
 * "OTLP mapping"), consecutive events with the same resource under one ResourceLogs with one ScopeLogs. The
 * wire format (protobuf or JSON) is the subclass's; what goes where is decided here, once for both.
 *
 * <p>The resource is the producer's (the process that wrote the event, as the journal kept it, so replayed
 * events keep it after a restart), completed from the event's own {@code target} where the producer does not
 * say: {@code service.name} from {@code target.server_id} (mcp.audit.server.id), else {@code
 * target.server_name}; {@code service.version}, {@code deployment.environment.name}, {@code host.name} and
 * {@code service.instance.id} likewise. Lines that are not one JSON object are skipped and counted.
 *
 * <p>One instance per shipper thread: the buffers are reused from batch to batch.
 */
abstract class LogsEncoder {
  static final String SCOPE_NAME = "mcp-audit";
  static final String UNKNOWN_SERVICE = "unknown_service:java";
  static final int SEVERITY_INFO = 9;
  static final int SEVERITY_WARN = 13;
  static final byte[] INFO = bytes("INFO");
  static final byte[] WARN = bytes("WARN");
  static final byte[] EVENT_NAME_PREFIX = bytes("mcp.audit.");

  /** The string attributes, in the order they are written: OTLP name, and the native field they come from. */
  static final byte[][] ATTRIBUTE_KEYS = {
      bytes("mcp.method.name"), bytes("mcp.session.id"), bytes("mcp.protocol.version"), bytes("jsonrpc.request.id"),
      bytes("gen_ai.tool.name"), bytes("gen_ai.prompt.name"), bytes("mcp.resource.uri"),
      bytes("rpc.response.status_code"), bytes("client.address"), bytes("user.id"), bytes("mcp_audit.event_id"),
      bytes("mcp_audit.event_type"), bytes("mcp_audit.correlation_id"), bytes("mcp_audit.outcome.status")};
  static final int[] ATTRIBUTE_FIELDS = {
      EventFields.METHOD, EventFields.SESSION_ID, EventFields.PROTOCOL_VERSION, EventFields.REQUEST_ID,
      EventFields.TOOL, EventFields.PROMPT, EventFields.RESOURCE_URI, EventFields.ERROR_CODE, EventFields.SOURCE_IP,
      EventFields.PRINCIPAL, EventFields.EVENT_ID, EventFields.EVENT_TYPE, EventFields.CORRELATION_ID,
      EventFields.STATUS};
  static final byte[] ERROR_TYPE = bytes("error.type");
  static final byte[] CLIENT_PORT = bytes("client.port");

  /** Resource attributes the event completes when the producer lacks them, and the fields they come from. */
  private static final String[] DERIVED = {
      "service.name", "service.version", "deployment.environment.name", "host.name",
      ProducerResource.SERVICE_INSTANCE_ID};
  private static final int[][] DERIVED_FROM = {
      {EventFields.SERVER_ID, EventFields.SERVER_NAME}, {EventFields.SERVER_VERSION}, {EventFields.ENVIRONMENT},
      {EventFields.HOST}, {EventFields.INSTANCE_ID}};

  private final EventReader reader = new EventReader();
  private final EventFields fields = new EventFields();
  final byte[] scopeVersion;
  private long malformed;

  // the open resource group
  private boolean groupOpen;
  private ProducerResource groupProducer;
  private final byte[][] groupDerived = new byte[DERIVED.length][];

  LogsEncoder(String agentVersion) {
    this.scopeVersion = bytes(agentVersion == null ? "unknown" : agentVersion);
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Lines skipped so far because they were not one JSON object. */
  final long malformedLines() {
    return malformed;
  }

  final EncodedRequest encode(Batch batch, long observedNanos) {
    begin();
    groupOpen = false;
    int events = 0;
    int skipped = 0;
    for (int i = 0; i < batch.size(); i++) {
      BodyWriter body = clearBody();
      if (!reader.read(batch, i, body, fields)) {
        skipped++;
        continue;
      }
      ProducerResource producer = batch.producer(i) == null ? ProducerResource.UNKNOWN : batch.producer(i);
      if (!groupOpen || !sameResource(producer)) {
        if (groupOpen) {
          endGroup();
        }
        startGroup(producer);
      }
      record(fields, observedNanos);
      events++;
    }
    if (groupOpen) {
      endGroup();
    }
    if (skipped > 0) {
      malformed += skipped;
      AgentLog.warnOnce("otlp:malformed", "otlp: skipped " + skipped + " line(s) of the journal that are not JSON"
          + " events (counted; further ones are not logged)");
    }
    return finish(events);
  }

  /** The derived value of one resource slot for the current event: a field index, or -1. */
  private int derivedField(int slot, ProducerResource producer) {
    if (producer.get(DERIVED[slot]) != null) {
      return -1;
    }
    for (int field : DERIVED_FROM[slot]) {
      if (fields.has(field)) {
        return field;
      }
    }
    return -1;
  }

  private boolean sameResource(ProducerResource producer) {
    if (producer != groupProducer && !producer.equals(groupProducer)) {
      return false;
    }
    for (int slot = 0; slot < DERIVED.length; slot++) {
      int field = derivedField(slot, producer);
      byte[] group = groupDerived[slot];
      if (field < 0) {
        if (group != null) {
          return false;
        }
      } else if (group == null || !Arrays.equals(group, 0, group.length, fields.values.data, fields.start[field],
          fields.start[field] + fields.length[field])) {
        return false;
      }
    }
    return true;
  }

  private void startGroup(ProducerResource producer) {
    groupOpen = true;
    groupProducer = producer;
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("service.name", null); // first, whoever names it
    attributes.putAll(producer.attributes());
    for (int slot = 0; slot < DERIVED.length; slot++) {
      int field = derivedField(slot, producer);
      groupDerived[slot] = field < 0 ? null : Arrays.copyOfRange(fields.values.data, fields.start[field],
          fields.start[field] + fields.length[field]);
      if (groupDerived[slot] != null) {
        attributes.put(DERIVED[slot], new String(groupDerived[slot], StandardCharsets.UTF_8));
      }
    }
    if (attributes.get("service.name") == null) {
      attributes.put("service.name", UNKNOWN_SERVICE);
    }
    startGroup(attributes);
  }

  /** Whether a resource attribute is an int in OTLP (the producer keeps all values as strings). */
  static Long intAttribute(String key, String value) {
    if (key.equals("process.pid")) {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The mapped attributes of one record, in the fixed order: the semantic-convention fields, error.type, client.port. */
  final void attributes(EventFields f) {
    byte[] values = f.values.data();
    for (int i = 0; i < ATTRIBUTE_FIELDS.length; i++) {
      int field = ATTRIBUTE_FIELDS[i];
      if (f.has(field)) {
        stringAttribute(ATTRIBUTE_KEYS[i], values, f.start[field], f.length[field]);
      }
    }
    int errorType = f.errorTypeField();
    if (errorType >= 0) {
      stringAttribute(ERROR_TYPE, values, f.start[errorType], f.length[errorType]);
    }
    if (f.sourcePort >= 0) {
      intAttribute(CLIENT_PORT, f.sourcePort);
    }
  }

  /** One string attribute of the record being written. */
  abstract void stringAttribute(byte[] key, byte[] value, int offset, int length);

  /** One integer attribute of the record being written. */
  abstract void intAttribute(byte[] key, long value);

  /** Starts a request. */
  abstract void begin();

  /** Resets the body writer for the next line and returns it. */
  abstract BodyWriter clearBody();

  /** Opens a ResourceLogs with these attributes, and its ScopeLogs. */
  abstract void startGroup(Map<String, String> resource);

  /** One LogRecord, from the fields and the body the reader just wrote. */
  abstract void record(EventFields fields, long observedNanos);

  abstract void endGroup();

  abstract EncodedRequest finish(int events);
}

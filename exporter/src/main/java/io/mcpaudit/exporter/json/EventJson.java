package io.mcpaudit.exporter.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mcpaudit.exporter.event.ActivityEvent;
import io.mcpaudit.exporter.event.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

/**
 * Serializes events as schema-version-1 JSON lines with jackson-core's streaming generator into one
 * reused buffer. Absent values are omitted. Exporter thread only.
 */
public final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  private final LineBuffer buffer = new LineBuffer();
  /** One generator for all events (creating one per event doubled the cost); replaced after a failure. */
  private JsonGenerator generator;
  private final Deployment deployment;

  public EventJson(Deployment deployment) {
    this.deployment = deployment;
  }

  /** Bytes of the last line written, valid until the next write. */
  public byte[] bytes() {
    return buffer.array();
  }

  public int length() {
    return buffer.size();
  }

  public void activity(ActivityEvent e) throws IOException {
    JsonGenerator g = begin("mcp_activity", e.eventId, e.timestampMicros);
    string(g, "correlation_id", e.correlationId);
    string(g, "correlation_source", e.correlationSource);
    if (e.traceId != null) {
      g.writeObjectFieldStart("trace");
      string(g, "trace_id", e.traceId);
      string(g, "span_id", e.spanId);
      string(g, "parent_span_id", e.parentSpanId);
      g.writeEndObject();
    }
    g.writeObjectFieldStart("identity");
    string(g, "source_ip", e.sourceIp);
    if (e.sourcePort > 0) {
      g.writeNumberField("source_port", e.sourcePort);
    }
    string(g, "auth_scheme", e.authScheme);
    string(g, "client_name", e.clientName);
    string(g, "client_version", e.clientVersion);
    string(g, "session_id", e.sessionId);
    string(g, "user_agent", e.userAgent);
    g.writeEndObject();
    g.writeObjectFieldStart("target");
    deploymentFields(g);
    string(g, "server_name", e.serverName);
    string(g, "server_version", e.serverVersion);
    string(g, "transport", e.transport);
    g.writeStringField("sdk", "mcp-java-sdk");
    string(g, "sdk_version", e.sdkVersion);
    string(g, "protocol_version", e.protocolVersion);
    g.writeEndObject();
    g.writeObjectFieldStart("activity");
    string(g, "mcp_operation", e.operation);
    g.writeStringField("direction", "inbound");
    string(g, "jsonrpc_id", e.jsonrpcId);
    string(g, "tool_name", e.toolName);
    string(g, "resource_uri", e.resourceUri);
    string(g, "prompt_name", e.promptName);
    g.writeEndObject();
    g.writeObjectFieldStart("outcome");
    string(g, "status", e.status);
    g.writeFieldName("duration_ms");
    g.writeNumber(Math.round(e.durationMs * 1000) / 1000.0);
    if (e.errorCode != null) {
      g.writeNumberField("error_code", e.errorCode);
    }
    string(g, "error_message", e.errorMessage);
    g.writeEndObject();
    if (e.requestBytes >= 0 || !e.argumentKeys.isEmpty()) {
      g.writeObjectFieldStart("payload");
      if (e.requestBytes >= 0) {
        g.writeNumberField("request_bytes", e.requestBytes);
      }
      if (!e.argumentKeys.isEmpty()) {
        g.writeArrayFieldStart("argument_keys");
        for (String key : e.argumentKeys) {
          g.writeString(key);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeObjectFieldStart("security_context");
    g.writeBooleanField("parameters_scrubbed", true);
    g.writeBooleanField("payload_redacted", true);
    g.writeEndObject();
    end(g);
  }

  public void gap(String eventId, long nowMicros, String reason, long lost, long firstMillis, long lastMillis)
      throws IOException {
    JsonGenerator g = begin("audit_gap", eventId, nowMicros);
    g.writeObjectFieldStart("gap");
    g.writeStringField("reason", reason);
    g.writeNumberField("dropped", lost);
    if (firstMillis > 0) {
      g.writeStringField("first_drop", Clock.format(firstMillis * 1_000));
      g.writeStringField("last_drop", Clock.format(lastMillis * 1_000));
    }
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  public void lifecycle(String eventId, long nowMicros, String phase, String agentVersion,
      Map<String, String> config, Map<String, Long> counters) throws IOException {
    JsonGenerator g = begin("agent_lifecycle", eventId, nowMicros);
    g.writeObjectFieldStart("lifecycle");
    g.writeStringField("phase", phase);
    string(g, "agent_version", agentVersion);
    if (config != null) {
      g.writeObjectFieldStart("config");
      for (Map.Entry<String, String> entry : config.entrySet()) {
        string(g, entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
    }
    if (counters != null) {
      g.writeObjectFieldStart("counters");
      for (Map.Entry<String, Long> entry : counters.entrySet()) {
        g.writeNumberField(entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  private JsonGenerator begin(String type, String eventId, long micros) throws IOException {
    if (generator == null || !generator.getOutputContext().inRoot()) {
      generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8); // first use, or a half-written event
    }
    buffer.reset();
    JsonGenerator g = generator;
    g.writeStartObject();
    g.writeStringField("schema_version", "1");
    g.writeStringField("event_type", type);
    g.writeStringField("event_id", eventId);
    g.writeStringField("timestamp", Clock.format(micros));
    return g;
  }

  private void end(JsonGenerator g) throws IOException {
    g.writeEndObject();
    g.flush();
    buffer.write('\n');
  }

  private void targetOnly(JsonGenerator g) throws IOException {
    g.writeObjectFieldStart("target");
    deploymentFields(g);
    g.writeEndObject();
  }

  private void deploymentFields(JsonGenerator g) throws IOException {
    string(g, "server_id", deployment.serverId());
    string(g, "environment", deployment.environment());
    string(g, "host", deployment.host());
    string(g, "service_instance_id", deployment.serviceInstanceId());
  }

  /** A growable byte buffer whose array can be handed to a sink without copying. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(4096);
    }

    byte[] array() {
      return buf;
    }

    @Override
    public void reset() {
      super.reset();
      if (buf.length > 1 << 20) {
        buf = new byte[4096]; // do not keep one huge event's buffer forever
      }
    }
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}

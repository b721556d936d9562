package io.mcpaudit.exporter.model.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.model.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes events as schema-version-1 JSON lines with jackson-core's streaming generator into one
 * reused buffer. Absent values are omitted. Exporter thread only.
 */
public final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  private static final Map<String, SerializedString> NAMES = new ConcurrentHashMap<>();
  private static final SerializedString SDK = new SerializedString("mcp-java-sdk");
  private static final SerializedString INBOUND = new SerializedString("inbound");
  private static final SerializedString OUTBOUND = new SerializedString("outbound");

  private final LineBuffer buffer = new LineBuffer();
  /** One generator for all events (creating one per event doubled the cost); replaced after a failure. */
  private JsonGenerator generator;
  private final SerializedString serverId;
  private final SerializedString environment;
  private final SerializedString host;
  private final SerializedString serviceInstanceId;
  /** The chain an earlier run left in the file, named by the start event (see the integrity chain). */
  private Map<String, Object> previousChain;

  public EventJson(Deployment deployment) {
    this.serverId = encoded(deployment.serverId());
    this.environment = encoded(deployment.environment());
    this.host = encoded(deployment.host());
    this.serviceInstanceId = encoded(deployment.serviceInstanceId());
  }

  /**
   * Lets the integrity chain complete the line just written: the line without its closing {@code "}\n"} stays
   * in the buffer ({@link #openLength}), and what {@link #append} adds (the {@code integrity} member and the
   * closing bytes) follows it. Exporter thread only.
   */
  public int openLength() {
    return buffer.size() - 2;
  }

  /** Cuts the line back to {@code length} bytes (see {@link #openLength}). */
  public void truncate(int length) {
    buffer.truncate(length);
  }

  public void append(byte[] bytes, int offset, int length) {
    buffer.write(bytes, offset, length);
  }

  /** A checkpoint of the integrity chain: what it covers, and its signature when a signing key is configured. */
  public void checkpoint(String eventId, long nowMicros, String chainId, long firstSeq, long lastSeq, String headHash,
      String previousCheckpointHash, String keyId, String reason, boolean last, String signature,
      String publicKeyFingerprint) throws IOException {
    JsonGenerator g = begin("integrity_checkpoint", eventId, nowMicros);
    field(g, "checkpoint").writeStartObject();
    field(g, "reason").writeString(reason);
    field(g, "chain_id").writeString(chainId);
    field(g, "first_seq").writeNumber(firstSeq);
    field(g, "last_seq").writeNumber(lastSeq);
    field(g, "head_hash").writeString(headHash);
    string(g, "prev_checkpoint_hash", previousCheckpointHash);
    string(g, "key_id", keyId);
    if (last) {
      field(g, "final").writeBoolean(true);
    }
    string(g, "signature", signature);
    string(g, "public_key_fingerprint", publicKeyFingerprint);
    g.writeEndObject();
    targetOnly(g);
    end(g);
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
      field(g, "trace").writeStartObject();
      string(g, "trace_id", e.traceId);
      string(g, "span_id", e.spanId);
      string(g, "parent_span_id", e.parentSpanId);
      g.writeEndObject();
    }
    field(g, "identity").writeStartObject();
    string(g, "source_ip", e.sourceIp);
    if (e.sourcePort > 0) {
      field(g, "source_port").writeNumber(e.sourcePort);
    }
    if (!e.forwardedFor.isEmpty()) {
      field(g, "forwarded_for").writeStartArray();
      for (String hop : e.forwardedFor) {
        g.writeString(hop);
      }
      g.writeEndArray();
    }
    string(g, "mtls_subject", e.mtlsSubject);
    string(g, "spiffe_id", e.spiffeId);
    string(g, "principal", e.principal);
    string(g, "client_app_id", e.clientAppId);
    string(g, "token_issuer", e.tokenIssuer);
    string(g, "token_expires_at", e.tokenExpiresAt);
    string(g, "auth_scheme", e.authScheme);
    string(g, "token_fingerprint", e.tokenFingerprint);
    for (int i = 0; i + 1 < e.identityHeaders.size(); i += 2) {
      string(g, e.identityHeaders.get(i), e.identityHeaders.get(i + 1));
    }
    string(g, "client_name", e.clientName);
    string(g, "client_version", e.clientVersion);
    string(g, "session_id", e.sessionId);
    string(g, "user_agent", e.userAgent);
    g.writeEndObject();
    field(g, "target").writeStartObject();
    deploymentFields(g);
    string(g, "server_name", e.serverName);
    string(g, "server_version", e.serverVersion);
    string(g, "transport", e.transport);
    field(g, "sdk").writeString(SDK);
    string(g, "sdk_version", e.sdkVersion);
    string(g, "protocol_version", e.protocolVersion);
    g.writeEndObject();
    field(g, "activity").writeStartObject();
    string(g, "mcp_operation", e.operation);
    field(g, "direction").writeString(e.outbound ? OUTBOUND : INBOUND);
    string(g, "jsonrpc_id", e.jsonrpcId);
    string(g, "tool_name", e.toolName);
    string(g, "resource_uri", e.resourceUri);
    string(g, "prompt_name", e.promptName);
    g.writeEndObject();
    field(g, "outcome").writeStartObject();
    string(g, "status", e.status);
    field(g, "duration_ms");
    g.writeNumber(Math.round(e.durationMs * 1000) / 1000.0);
    if (e.errorCode != null) {
      field(g, "error_code").writeNumber(e.errorCode);
    }
    string(g, "error_message", e.errorMessage);
    string(g, "error_type", e.errorType);
    g.writeEndObject();
    if (e.requestBytes >= 0 || e.responseBytes >= 0 || !e.argumentKeys.isEmpty() || !e.resultContent.isEmpty()
        || e.isError != null || e.listItems >= 0 || e.argumentsJson != null || e.argumentsDigest != null
        || e.resultJson != null || e.resultDigest != null) {
      field(g, "payload").writeStartObject();
      if (e.requestBytes >= 0) {
        field(g, "request_bytes").writeNumber(e.requestBytes);
      }
      if (e.responseBytes >= 0) {
        field(g, "response_bytes").writeNumber(e.responseBytes);
      }
      if (!e.argumentKeys.isEmpty()) {
        field(g, "argument_keys").writeStartArray();
        for (String key : e.argumentKeys) {
          g.writeString(key);
        }
        g.writeEndArray();
      }
      if (e.argumentsJson != null) {
        field(g, "arguments").writeRawValue(e.argumentsJson);
        if (e.argumentsTruncated) {
          field(g, "arguments_truncated").writeBoolean(true);
        }
      }
      string(g, "arguments_digest", e.argumentsDigest);
      if (e.isError != null) {
        field(g, "is_error").writeBoolean(e.isError);
      }
      if (!e.resultContent.isEmpty()) {
        field(g, "result_content").writeStartObject();
        for (java.util.Map.Entry<String, Integer> c : e.resultContent.entrySet()) {
          field(g, c.getKey()).writeNumber(c.getValue());
        }
        g.writeEndObject();
      }
      if (e.listItems >= 0) {
        field(g, "list_items").writeNumber(e.listItems);
      }
      if (e.resultJson != null) {
        field(g, "result").writeRawValue(e.resultJson);
        if (e.resultTruncated) {
          field(g, "result_truncated").writeBoolean(true);
        }
      }
      string(g, "result_digest", e.resultDigest);
      g.writeEndObject();
    }
    field(g, "security_context").writeStartObject();
    field(g, "parameters_scrubbed").writeBoolean(e.parametersScrubbed == null || e.parametersScrubbed);
    field(g, "payload_redacted").writeBoolean(e.payloadRedacted == null || e.payloadRedacted);
    if (!e.redactions.isEmpty()) {
      field(g, "redactions").writeStartObject();
      for (java.util.Map.Entry<String, Integer> r : e.redactions.entrySet()) {
        field(g, r.getKey()).writeNumber(r.getValue());
      }
      g.writeEndObject();
    }
    string(g, "redaction_policy", e.redactionPolicy);
    g.writeEndObject();
    end(g);
  }

  /**
   * An {@code audit_gap}: events that are not in the trail (or not at some exporter), how many, when, why.
   *
   * @param sink the sink that lost them ({@code sink_write_failed}), else null
   * @param exporter the remote exporter that will never send them ({@code spool_full}, {@code rejected}), else null
   * @param status the HTTP status of a rejection, else 0
   * @param where where a rejected batch was kept, else null
   */
  public void gap(String eventId, long nowMicros, String reason, String sink, String exporter, int status, String where,
      long lost, long firstMillis, long lastMillis) throws IOException {
    gap(eventId, nowMicros, reason, sink, exporter, status, where, lost, -1, firstMillis, lastMillis);
  }

  /**
   * @param linesLost lines of every type a sink lost (its trail misses exactly these sequence numbers of the
   *     integrity chain), or -1 when not a sink's loss
   */
  public void gap(String eventId, long nowMicros, String reason, String sink, String exporter, int status, String where,
      long lost, long linesLost, long firstMillis, long lastMillis) throws IOException {
    JsonGenerator g = begin("audit_gap", eventId, nowMicros);
    field(g, "gap").writeStartObject();
    field(g, "reason").writeString(reason);
    string(g, "sink", sink);
    string(g, "exporter", exporter);
    if (status > 0) {
      field(g, "http_status").writeNumber(status);
    }
    string(g, "quarantined_in", where);
    field(g, "dropped").writeNumber(lost);
    if (linesLost >= 0) {
      field(g, "lines_lost").writeNumber(linesLost);
    }
    if (firstMillis > 0) {
      field(g, "first_drop").writeString(Clock.format(firstMillis * 1_000));
      field(g, "last_drop").writeString(Clock.format(lastMillis * 1_000));
    }
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  public void gap(String eventId, long nowMicros, String reason, String sink, long lost, long firstMillis, long lastMillis)
      throws IOException {
    gap(eventId, nowMicros, reason, sink, null, 0, null, lost, firstMillis, lastMillis);
  }

  /**
   * An {@code agent_lifecycle} event: {@code start} with the configuration (secrets already masked), {@code
   * stop} with the pipeline's counters and each exporter's.
   */
  public void lifecycle(String eventId, long nowMicros, String phase, String agentVersion,
      Map<String, String> config, Map<String, Long> counters, Map<String, Map<String, Long>> exporters)
      throws IOException {
    JsonGenerator g = begin("agent_lifecycle", eventId, nowMicros);
    field(g, "lifecycle").writeStartObject();
    field(g, "phase").writeString(phase);
    string(g, "agent_version", agentVersion);
    if (previousChain != null && phase.equals("start")) {
      field(g, "previous_chain").writeStartObject();
      for (Map.Entry<String, Object> entry : previousChain.entrySet()) {
        if (entry.getValue() instanceof Number n) {
          field(g, entry.getKey()).writeNumber(n.longValue());
        } else if (entry.getValue() instanceof Boolean b) {
          field(g, entry.getKey()).writeBoolean(b);
        } else {
          string(g, entry.getKey(), String.valueOf(entry.getValue()));
        }
      }
      g.writeEndObject();
    }
    if (config != null) {
      field(g, "config").writeStartObject();
      for (Map.Entry<String, String> entry : config.entrySet()) {
        string(g, entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
    }
    counters(g, counters, exporters);
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  public void lifecycle(String eventId, long nowMicros, String phase, String agentVersion,
      Map<String, String> config, Map<String, Long> counters) throws IOException {
    lifecycle(eventId, nowMicros, phase, agentVersion, config, counters, null);
  }

  /** The first line of a file that replaced a rotated one: which file the trail continues from. */
  public void rotated(String eventId, long nowMicros, String previousFile) throws IOException {
    JsonGenerator g = begin("agent_lifecycle", eventId, nowMicros);
    field(g, "lifecycle").writeStartObject();
    field(g, "phase").writeString("rotated");
    string(g, "previous_file", previousFile);
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  /** What the start event says about the chain before it: {@code chain_id}, {@code last_seq}, {@code checkpoint_hash}. */
  public void previousChain(Map<String, Object> previous) {
    this.previousChain = previous;
  }

  /** A periodic {@code agent_stats} event: the same counters as the stop event, while running. */
  public void stats(String eventId, long nowMicros, long intervalMillis, Map<String, Long> counters,
      Map<String, Map<String, Long>> exporters) throws IOException {
    JsonGenerator g = begin("agent_stats", eventId, nowMicros);
    field(g, "stats").writeStartObject();
    field(g, "interval_ms").writeNumber(intervalMillis);
    counters(g, counters, exporters);
    g.writeEndObject();
    targetOnly(g);
    end(g);
  }

  private static void counters(JsonGenerator g, Map<String, Long> counters, Map<String, Map<String, Long>> exporters)
      throws IOException {
    if (counters != null) {
      field(g, "counters").writeStartObject();
      for (Map.Entry<String, Long> entry : counters.entrySet()) {
        field(g, entry.getKey()).writeNumber(entry.getValue());
      }
      g.writeEndObject();
    }
    if (exporters != null && !exporters.isEmpty()) {
      field(g, "exporters").writeStartObject();
      for (Map.Entry<String, Map<String, Long>> exporter : exporters.entrySet()) {
        field(g, exporter.getKey()).writeStartObject();
        for (Map.Entry<String, Long> entry : exporter.getValue().entrySet()) {
          field(g, entry.getKey()).writeNumber(entry.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  private JsonGenerator begin(String type, String eventId, long micros) throws IOException {
    if (generator == null || !generator.getOutputContext().inRoot()) {
      generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8); // first use, or a half-written event
    }
    buffer.reset();
    JsonGenerator g = generator;
    g.writeStartObject();
    field(g, "schema_version").writeString("1");
    field(g, "event_type").writeString(type);
    field(g, "event_id").writeString(eventId);
    field(g, "timestamp").writeString(Clock.format(micros));
    return g;
  }

  private void end(JsonGenerator g) throws IOException {
    g.writeEndObject();
    g.flush();
    buffer.write('\n');
  }

  private void targetOnly(JsonGenerator g) throws IOException {
    field(g, "target").writeStartObject();
    deploymentFields(g);
    g.writeEndObject();
  }

  /** The same four values on every event: escaped and encoded once. */
  private void deploymentFields(JsonGenerator g) throws IOException {
    constant(g, "server_id", serverId);
    constant(g, "environment", environment);
    constant(g, "host", host);
    constant(g, "service_instance_id", serviceInstanceId);
  }

  private static void constant(JsonGenerator g, String name, SerializedString value) throws IOException {
    if (value != null) {
      field(g, name).writeString(value);
    }
  }

  private static SerializedString encoded(String value) {
    return value == null ? null : new SerializedString(value);
  }

  /** A growable byte buffer whose array can be handed to a sink without copying. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(4096);
    }

    byte[] array() {
      return buf;
    }

    void truncate(int length) {
      count = Math.max(0, Math.min(count, length));
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
      field(g, name).writeString(value);
    }
  }

  /**
   * Writes a field name from its pre-encoded form. Most of the serialization time went into escaping
   * the same few dozen names for every event; {@link SerializedString} escapes and encodes once.
   */
  private static JsonGenerator field(JsonGenerator g, String name) throws IOException {
    g.writeFieldName(NAMES.computeIfAbsent(name, SerializedString::new));
    return g;
  }
}

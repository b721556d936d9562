package io.mcpaudit.exporter.otlp;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.util.JsonFormat;
import io.mcpaudit.exporter.spi.Batch;
import io.mcpaudit.exporter.spi.ProducerResource;
import io.mcpaudit.exporter.spi.RemoteExporter.EncodedRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers: batches of lines, and requests decoded with the official classes. */
final class Otlp {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final ProducerResource PRODUCER = new ProducerResource(Map.of(
      "service.instance.id", "instance-1", "process.pid", "4242", "host.name", "host-a"));

  private Otlp() {}

  static Batch batch(ProducerResource producer, String... lines) {
    Batch batch = new Batch();
    for (String line : lines) {
      byte[] bytes = line.getBytes(UTF_8);
      batch.add(bytes, 0, bytes.length, producer);
    }
    return batch;
  }

  static ExportLogsServiceRequest decodeProtobuf(EncodedRequest request) throws Exception {
    return ExportLogsServiceRequest.parseFrom(Arrays.copyOf(request.body(), request.length()));
  }

  private static final Pattern HEX_ID = Pattern.compile("\"(traceId|spanId)\":\"([0-9a-f]*)\"");

  /** OTLP/JSON is proto3 JSON but for hex trace and span ids: they become base64 before JsonFormat reads it. */
  static ExportLogsServiceRequest decodeJson(EncodedRequest request) throws Exception {
    String json = new String(request.body(), 0, request.length(), UTF_8);
    MAPPER.readTree(json); // well-formed JSON in its own right
    Matcher m = HEX_ID.matcher(json);
    StringBuilder converted = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(converted, Matcher.quoteReplacement("\"" + m.group(1) + "\":\""
          + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(m.group(2))) + "\""));
    }
    m.appendTail(converted);
    ExportLogsServiceRequest.Builder builder = ExportLogsServiceRequest.newBuilder();
    JsonFormat.parser().merge(converted.toString(), builder); // unknown fields rejected
    return builder.build();
  }

  static List<LogRecord> records(ExportLogsServiceRequest request) {
    List<LogRecord> records = new ArrayList<>();
    request.getResourceLogsList().forEach(r -> r.getScopeLogsList().forEach(s -> records.addAll(s.getLogRecordsList())));
    return records;
  }

  /** Attributes as plain values (String, Long, Double, Boolean, List, Map). */
  static Map<String, Object> plain(List<KeyValue> attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      if (map.put(kv.getKey(), plain(kv.getValue())) != null) {
        throw new AssertionError("duplicate key " + kv.getKey());
      }
    }
    return map;
  }

  static Object plain(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(Otlp::plain).toList();
      case KVLIST_VALUE -> plain(value.getKvlistValue().getValuesList());
      case VALUE_NOT_SET -> Null.NULL;
      default -> throw new AssertionError("unexpected value " + value);
    };
  }

  /** A JSON null, as the body holds it (an AnyValue with no value). */
  enum Null { NULL }

  /** A native line as the same plain values (integers as Long, other numbers as Double). */
  static Object plain(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), plain(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(plain(n)));
      return list;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    return Null.NULL;
  }

  static Object plainLine(String line) throws Exception {
    return plain(MAPPER.readTree(line));
  }
}

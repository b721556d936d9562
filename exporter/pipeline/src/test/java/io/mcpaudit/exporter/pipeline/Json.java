package io.mcpaudit.exporter.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict JSON reading for assertions: each line must be exactly one JSON object. */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  static List<Map<String, Object>> readLines(Path file) throws IOException {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(parse(line));
    }
    return events;
  }

  /**
   * The last event before the final integrity checkpoint (the stop event, after a clean stop). The checkpoint itself
   * is checked where integrity is tested; here it must be the very last line when there is one.
   */
  static Map<String, Object> lastEvent(List<Map<String, Object>> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (!"integrity_checkpoint".equals(events.get(i).get("event_type"))) {
        return events.get(i);
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String line) {
    try (JsonParser p = FACTORY.createParser(line)) {
      Object value = read(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content in line: " + line);
      }
      return (Map<String, Object>) value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code get(event, "outcome", "status")}. */
  static Object get(Map<String, Object> event, String... path) {
    Object node = event;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  private static Object read(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          list.add(read(p, t));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unexpected " + token);
    }
  }
}

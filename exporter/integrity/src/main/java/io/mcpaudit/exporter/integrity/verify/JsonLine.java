package io.mcpaudit.exporter.integrity.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole line as maps and lists, for the few lines whose content the verifier needs (checkpoints, start events,
 * gaps); every other line is only hashed. Null for a line that is not one JSON object.
 */
final class JsonLine {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonLine() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(byte[] bytes, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return null;
      }
      Object value = read(p, first);
      return p.nextToken() == null ? (Map<String, Object>) value : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static Object get(Map<String, Object> map, String... path) {
    Object node = map;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = m.get(key);
    }
    return node;
  }

  static String string(Map<String, Object> map, String... path) {
    Object value = get(map, path);
    return value instanceof String s ? s : null;
  }

  static long number(Map<String, Object> map, long otherwise, String... path) {
    Object value = get(map, path);
    return value instanceof Long n ? n : otherwise;
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
      default -> {
        return null;
      }
    }
  }
}

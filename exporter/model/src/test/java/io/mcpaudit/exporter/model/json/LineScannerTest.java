package io.mcpaudit.exporter.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner against jackson-core, a reference JSON parser: the same tokens, texts and numbers for every valid
 * line, and a refusal for every line jackson refuses, over hand-picked cases and random ones.
 */
class LineScannerTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void readsWhatJacksonReads() throws Exception {
    String[] lines = {
        "{}", "[]", "{\"a\":1}", "{\"a\":[1,2,{\"b\":null}],\"c\":true,\"d\":false}", " { \"a\" : \"b\" } ",
        "{\"s\":\"plain\",\"e\":\"q\\\"b\\\\s\\/n\\nr\\rt\\tb\\bf\\f\"}", "{\"u\":\"\\u00e9\\u65e5\\ud83d\\ude00\"}",
        "{\"lone\":\"\\ud800x\",\"low\":\"\\udc00\",\"pair-broken\":\"\\ud800\\u0041\"}",
        "{\"utf8\":\"é日本😀\",\"ключ\":\"значение\"}", "{\"n\":[0,-0,1.5,-2.25,1e3,1E-3,2.5e+10,123456789012345678]}",
        "{\"big\":[9223372036854775807,-9223372036854775808,9223372036854775808,-9223372036854775809]}",
        "{\"f\":[0.1,0.2,0.30000000000000004,1.7976931348623157e308,4.9e-324,123456.789012,0.000001]}",
        "{\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
        "\"just a string\"", "42", "null"};
    for (String line : lines) {
      assertThat(scan(line)).as(line).isEqualTo(jackson(line));
    }
  }

  @Test
  void refusesWhatIsNotJson() throws Exception {
    String[] lines = {
        "", " ", "{", "}", "{\"a\":1,}", "{\"a\":1", "[1,]", "[,1]", "{,}", "{\"a\" 1}", "{\"a\":}", "{a:1}",
        "{\"a\":1}}", "{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}", "{\"a\":\"open}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":tru}",
        "{\"a\":nul}", "{\"a\":NaN}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "['a']", "{\"a\":1 \"b\":2}"};
    for (String line : lines) {
      assertThat(scan(line)).as(line).isEqualTo("refused");
      assertThat(jackson(line)).as(line).isEqualTo("refused");
    }
  }

  @Test
  void validatesUtf8AsTheJdkDecoderDoes() throws Exception {
    byte[][] strings = {
        {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE6, (byte) 0x97}};
    for (byte[] inside : strings) {
      byte[] line = new byte[inside.length + 8];
      System.arraycopy("{\"a\":\"".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 6);
      System.arraycopy(inside, 0, line, 6, inside.length);
      line[inside.length + 6] = '"';
      line[inside.length + 7] = '}';
      LineScanner s = new LineScanner();
      s.reset(line, 0, line.length);
      boolean accepted;
      try {
        while (s.next() != LineScanner.END) {
          // read it all
        }
        accepted = true;
      } catch (LineScanner.Malformed e) {
        accepted = false;
      }
      assertThat(accepted).as(java.util.Arrays.toString(inside)).isEqualTo(validUtf8(inside));
    }
  }

  @Test
  void agreesWithJacksonOnRandomLinesAndTheirMutations() throws Exception {
    Random random = new Random(20261202);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder json = new StringBuilder();
      value(random, json, 0);
      String line = json.toString();
      if (random.nextBoolean()) { // one ASCII byte changed, dropped or doubled
        int at = random.nextInt(line.length());
        String punctuation = "{}[]\",:\\ 0123456789.eE-+tfnu";
        char c = punctuation.charAt(random.nextInt(punctuation.length()));
        line = switch (random.nextInt(3)) {
          case 0 -> line.substring(0, at) + c + line.substring(at + 1);
          case 1 -> line.substring(0, at) + line.substring(at + 1);
          default -> line.substring(0, at) + c + line.substring(at);
        };
      }
      String expected = jackson(line);
      refused += expected.equals("refused") ? 1 : 0;
      assertThat(scan(line)).as(line).isEqualTo(expected);
    }
    assertThat(refused).as("mutations that break the line").isGreaterThan(2_000);
  }

  @Test
  void doublesAreTheNearestAsParseDoubleGivesThem() throws Exception {
    Random random = new Random(7);
    LineScanner s = new LineScanner();
    for (int i = 0; i < 100_000; i++) {
      String number = switch (i % 4) {
        case 0 -> (random.nextInt(100_000)) + "." + random.nextInt(1_000_000);
        case 1 -> "-0.0" + Math.abs(random.nextLong() % 1_000_000_000_000L);
        case 2 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        default -> random.nextInt(1_000) + "." + String.format("%015d", Math.abs(random.nextLong() % 1_000_000_000_000_000L));
      };
      byte[] bytes = number.getBytes(StandardCharsets.US_ASCII);
      s.reset(bytes, 0, bytes.length);
      int token = s.next();
      assertThat(token).as(number).isEqualTo(LineScanner.NUMBER);
      assertThat(s.doubleValue()).as(number).isEqualTo(Double.parseDouble(number));
    }
  }

  @Test
  void plainStringsAreTheLinesOwnBytes() throws Exception {
    byte[] line = "{\"name\":\"value\"}".getBytes(StandardCharsets.UTF_8);
    LineScanner s = new LineScanner();
    s.reset(line, 0, line.length);
    assertThat(s.next()).isEqualTo(LineScanner.START_OBJECT);
    assertThat(s.next()).isEqualTo(LineScanner.NAME);
    assertThat(s.text()).isSameAs(line);
    assertThat(s.next()).isEqualTo(LineScanner.STRING);
    assertThat(s.text()).isSameAs(line);
    assertThat(new String(line, s.textOffset(), s.textLength(), StandardCharsets.UTF_8)).isEqualTo("value");
  }

  private static void value(Random random, StringBuilder out, int depth) {
    int kind = depth > 4 ? 2 + random.nextInt(5) : random.nextInt(7);
    switch (kind) {
      case 0 -> {
        out.append('{');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.append(i == 0 ? "" : ",").append('"').append(text(random)).append("\":");
          value(random, out, depth + 1);
        }
        out.append('}');
      }
      case 1 -> {
        out.append('[');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.append(i == 0 ? "" : ",");
          value(random, out, depth + 1);
        }
        out.append(']');
      }
      case 2 -> out.append('"').append(text(random)).append('"');
      case 3 -> out.append(random.nextInt(2000) - 1000);
      case 4 -> out.append(random.nextInt(1000)).append('.').append(random.nextInt(1000)).append(
          random.nextBoolean() ? "e" + (random.nextInt(20) - 10) : "");
      case 5 -> out.append(random.nextBoolean() ? "true" : "false");
      default -> out.append("null");
    }
  }

  private static String text(Random random) {
    String[] parts = {"a", "id", "é", "日", "😀", "\\n", "\\\"", "\\\\", "\\u0041", "\\ud83d\\ude00", " ", "/"};
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.append(parts[random.nextInt(parts.length)]);
    }
    return s.toString();
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The tokens as text: kind, then the decoded text or the number's value. */
  private static String scan(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    LineScanner s = new LineScanner();
    s.reset(bytes, 0, bytes.length);
    List<String> tokens = new ArrayList<>();
    try {
      for (int t = s.next(); t != LineScanner.END; t = s.next()) {
        tokens.add(switch (t) {
          case LineScanner.START_OBJECT -> "{";
          case LineScanner.END_OBJECT -> "}";
          case LineScanner.START_ARRAY -> "[";
          case LineScanner.END_ARRAY -> "]";
          case LineScanner.NAME -> "name:" + new String(s.text(), s.textOffset(), s.textLength(), StandardCharsets.UTF_8);
          case LineScanner.STRING -> "string:" + new String(s.text(), s.textOffset(), s.textLength(),
              StandardCharsets.UTF_8);
          case LineScanner.INTEGER -> "int:" + s.longValue();
          case LineScanner.NUMBER -> "number:" + s.doubleValue();
          case LineScanner.TRUE -> "true";
          case LineScanner.FALSE -> "false";
          default -> "null";
        });
      }
    } catch (LineScanner.Malformed e) {
      return "refused";
    }
    return String.join(" ", tokens);
  }

  private static String jackson(String line) {
    List<String> tokens = new ArrayList<>();
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    try (JsonParser p = JACKSON.createParser(bytes)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return "refused";
      }
      int depth = 0;
      do {
        tokens.add(switch (t) {
          case START_OBJECT -> "{";
          case END_OBJECT -> "}";
          case START_ARRAY -> "[";
          case END_ARRAY -> "]";
          case FIELD_NAME -> "name:" + utf8(p.currentName());
          case VALUE_STRING -> "string:" + utf8(p.getText());
          case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? "number:" + p.getDoubleValue() : "int:" + p.getLongValue();
          case VALUE_NUMBER_FLOAT -> "number:" + p.getDoubleValue();
          case VALUE_TRUE -> "true";
          case VALUE_FALSE -> "false";
          default -> "null";
        });
        depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
        if (depth == 0) {
          break;
        }
        t = p.nextToken();
      } while (t != null);
      if (depth != 0 || p.nextToken() != null) {
        return "refused"; // cut short, or a second value after the first
      }
    } catch (IOException e) {
      return "refused";
    }
    return String.join(" ", tokens);
  }

  /** As the shipper writes text onward: a lone surrogate becomes '?'. */
  private static String utf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}

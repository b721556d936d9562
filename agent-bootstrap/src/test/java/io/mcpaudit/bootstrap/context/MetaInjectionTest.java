package io.mcpaudit.bootstrap.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaInjectionTest {
  private static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  /** The shape of the SDK's request records, e.g. {@code CallToolRequest(name, arguments, meta)}. */
  public record CallLike(String name, Map<String, Object> arguments, Map<String, Object> meta) {}

  public record NoMeta(String name) {}

  @Test
  void aRequestRecordIsRebuiltWithTheTraceparentAndTheOriginalIsUntouched() {
    Map<String, Object> meta = new HashMap<>(Map.of("progressToken", 7));
    CallLike original = new CallLike("echo", Map.of("text", "hi"), meta);

    Object sent = MetaInjection.withTraceparent(original, TP);

    assertThat(sent).isInstanceOf(CallLike.class).isNotSameAs(original);
    CallLike copy = (CallLike) sent;
    assertThat(copy.name()).isEqualTo("echo");
    assertThat(copy.arguments()).isSameAs(original.arguments());
    assertThat(copy.meta()).containsEntry("traceparent", TP).containsEntry("progressToken", 7);
    assertThat(original.meta()).isEqualTo(Map.of("progressToken", 7));
  }

  @Test
  void aRecordWithoutMetaGetsOne() {
    CallLike sent = (CallLike) MetaInjection.withTraceparent(new CallLike("echo", null, null), TP);
    assertThat(sent.meta()).isEqualTo(Map.of("traceparent", TP));
  }

  @Test
  void mapParamsAreCopied() {
    Map<String, Object> params = Map.of("name", "echo", "_meta", Map.of("a", "b"));
    @SuppressWarnings("unchecked")
    Map<String, Object> sent = (Map<String, Object>) MetaInjection.withTraceparent(params, TP);
    assertThat(sent).containsEntry("name", "echo");
    assertThat(sent.get("_meta")).isEqualTo(Map.of("a", "b", "traceparent", TP));
    assertThat(params.get("_meta")).isEqualTo(Map.of("a", "b"));
  }

  @Test
  void absentParamsGetOnlyMetaAndAnythingElseIsSentAsItWas() {
    NoMeta noMeta = new NoMeta("x");
    assertThat(MetaInjection.withTraceparent(noMeta, TP)).isSameAs(noMeta);
    assertThat(MetaInjection.withTraceparent(null, TP)).isEqualTo(Map.of("_meta", Map.of("traceparent", TP)));
    assertThat(MetaInjection.withTraceparent("text", TP)).isEqualTo("text");
  }

  @Test
  void outboundTraceContinuesTheRequestBeingHandled() {
    TraceContext handling = TraceContext.resolve(TP, null);
    TraceContext child = TraceContext.outbound(handling, null);
    assertThat(child.traceId).isEqualTo(handling.traceId);
    assertThat(child.correlationId).isEqualTo(handling.correlationId);
    assertThat(child.correlationSource).isEqualTo("context");
    assertThat(child.parentSpanId).isEqualTo(handling.spanId);
    assertThat(child.spanId).isNotEqualTo(handling.spanId);

    TraceContext fresh = TraceContext.outbound(null, null);
    assertThat(fresh.correlationSource).isEqualTo("generated");
    assertThat(fresh.parentSpanId).isNull();

    TraceContext own = TraceContext.outbound(null, TP);
    assertThat(own.correlationSource).isEqualTo("meta.traceparent");
    assertThat(own.spanId).isEqualTo("00f067aa0ba902b7");
    assertThat(own.childTraceparent()).isEqualTo(TP);
  }
}

package io.mcpaudit.bootstrap.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpaudit.bootstrap.HttpRequestInfo;
import org.junit.jupiter.api.Test;

class TraceContextTest {
  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void aRequestWithATraceparentContinuesThatTraceAndParentsDownstreamCallsToItsOwnSpan() {
    TraceContext trace = TraceContext.resolve(TRACEPARENT, null);

    assertThat(trace.correlationId).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(trace.correlationSource).isEqualTo("meta.traceparent");
    assertThat(trace.parentSpanId).isEqualTo("00f067aa0ba902b7");
    assertThat(trace.spanId).matches("[0-9a-f]{16}").isNotEqualTo(trace.parentSpanId);
    assertThat(trace.childTraceparent())
        .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + trace.spanId + "-01")
        .satisfies(child -> assertThat(TraceContext.isValidTraceparent(child)).isTrue());
  }

  @Test
  void theMetaTraceparentWinsOverHeadersAndAnInvalidOneFallsThrough() {
    HttpRequestInfo http = new HttpRequestInfo();
    http.traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
    http.correlationHeader = "X-Correlation-ID";
    http.correlationValue = "corr-1";

    assertThat(TraceContext.resolve(TRACEPARENT, http).correlationSource).isEqualTo("meta.traceparent");
    TraceContext header = TraceContext.resolve("00-zzzz-not-valid-01", http);
    assertThat(header.correlationSource).isEqualTo("header.traceparent");
    assertThat(header.flags).isEqualTo("00"); // an unsampled caller stays unsampled downstream

    http.traceparent = null;
    TraceContext correlation = TraceContext.resolve(null, http);
    assertThat(correlation.correlationId).isEqualTo("corr-1");
    assertThat(correlation.correlationSource).isEqualTo("header.x-correlation-id");
    assertThat(correlation.traceId).matches("[0-9a-f]{32}");
  }

  @Test
  void correlationHeaderValuesThatAreNotPlainTokensAreNotTrusted() {
    HttpRequestInfo http = new HttpRequestInfo();
    http.correlationHeader = "X-Request-ID";
    for (String hostile : new String[] {"a\r\nX-Injected: 1", "a b", "\"quoted\"", "x".repeat(129), "", "é"}) {
      http.correlationValue = hostile;
      TraceContext trace = TraceContext.resolve(null, http);
      assertThat(trace.correlationSource).as(hostile).isEqualTo("generated");
      assertThat(trace.correlationId).isEqualTo(trace.traceId).matches("[0-9a-f]{32}");
    }
    http.correlationValue = "tenant-7:req/42+x=y@z~1.0_b";
    assertThat(TraceContext.resolve(null, http).correlationId).isEqualTo("tenant-7:req/42+x=y@z~1.0_b");
  }

  @Test
  void invalidTraceparentsAreRejected() {
    assertThat(TraceContext.isValidTraceparent(TRACEPARENT)).isTrue();
    assertThat(TraceContext.isValidTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
    assertThat(TraceContext.isValidTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
    assertThat(TraceContext.isValidTraceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
    assertThat(TraceContext.isValidTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isFalse();
    assertThat(TraceContext.isValidTraceparent(TRACEPARENT + "-extra")).isFalse();
    assertThat(TraceContext.isValidTraceparent("01" + TRACEPARENT.substring(2) + "-future")).isTrue();
  }

  @Test
  void generatedIdsAreLowercaseHexAndNeverAllZero() {
    for (int i = 0; i < 1_000; i++) {
      String id = TraceContext.randomHex(32);
      assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }
  }
}

package io.mcpaudit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What each header an HTTP advice copies means, whichever web stack read it. */
class HttpHeaderNamesTest {
  private final HttpHeaderNames wanted =
      new HttpHeaderNames(new String[] {"X-Correlation-ID", "X-Request-ID"}, new String[] {"X-Workload-Id", "X-Tenant"});

  private HttpRequestInfo read(String... headerAndValue) {
    String[] names = wanted.names();
    String[] values = new String[names.length];
    for (int i = 0; i < headerAndValue.length; i += 2) {
      values[Arrays.asList(names).indexOf(headerAndValue[i])] = headerAndValue[i + 1];
    }
    HttpRequestInfo info = new HttpRequestInfo();
    info.setHeaders(wanted, values);
    return info;
  }

  @Test
  void standardHeadersLandInTheirFields() {
    HttpRequestInfo info = read("Authorization", "Bearer t", "traceparent", "00-a-b-01", "tracestate", "k=v",
        "MCP-Protocol-Version", "2025-11-25", "Mcp-Session-Id", "s-1", "User-Agent", "ua/1",
        "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.7");
    assertThat(info.authorization).isEqualTo("Bearer t");
    assertThat(info.traceparent).isEqualTo("00-a-b-01");
    assertThat(info.tracestate).isEqualTo("k=v");
    assertThat(info.protocolVersion).isEqualTo("2025-11-25");
    assertThat(info.sessionId).isEqualTo("s-1");
    assertThat(info.userAgent).isEqualTo("ua/1");
    assertThat(info.forwardedFor).isEqualTo("203.0.113.7");
    assertThat(info.forwarded).isEqualTo("for=203.0.113.7");
    assertThat(info.correlationHeader).isNull();
  }

  @Test
  void theFirstConfiguredCorrelationHeaderPresentWins() {
    HttpRequestInfo onlySecond = read("X-Request-ID", "r-2");
    assertThat(onlySecond.correlationHeader).isEqualTo("X-Request-ID");
    assertThat(onlySecond.correlationValue).isEqualTo("r-2");

    HttpRequestInfo both = read("X-Request-ID", "r-2", "X-Correlation-ID", "c-1");
    assertThat(both.correlationHeader).isEqualTo("X-Correlation-ID");
    assertThat(both.correlationValue).isEqualTo("c-1");
  }

  @Test
  void identityHeaderValuesKeepTheConfiguredOrder() {
    assertThat(read("X-Tenant", "acme").identityHeaderValues).containsExactly(null, "acme");
    HttpHeaderNames none = new HttpHeaderNames(new String[] {"X-Correlation-ID"}, new String[0]);
    HttpRequestInfo info = new HttpRequestInfo();
    info.setHeaders(none, new String[none.names().length]);
    assertThat(info.identityHeaderValues).isNull();
  }
}

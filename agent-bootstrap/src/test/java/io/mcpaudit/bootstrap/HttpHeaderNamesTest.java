package io.mcpaudit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each header an HTTP advice copies means, whichever web stack read it. */
class HttpHeaderNamesTest {
  private final HttpHeaderNames wanted = new HttpHeaderNames("X-Forwarded-For",
      new String[] {"X-Correlation-ID", "X-Request-ID"}, new String[] {"X-Workload-Id", "X-Tenant"});

  private HttpRequestInfo read(HttpHeaderNames names, String... headerAndValue) {
    String[] values = new String[names.count()];
    List<String> all = Arrays.asList(names.names());
    for (int i = 0; i < headerAndValue.length; i += 2) {
      values[all.indexOf(headerAndValue[i])] = headerAndValue[i + 1];
    }
    HttpRequestInfo info = new HttpRequestInfo();
    info.setHeaders(names, values);
    return info;
  }

  @Test
  void standardHeadersLandInTheirFields() {
    HttpRequestInfo info = read(wanted, "Authorization", "Bearer t", "traceparent", "00-a-b-01", "tracestate", "k=v",
        "MCP-Protocol-Version", "2025-11-25", "Mcp-Session-Id", "s-1", "User-Agent", "ua/1",
        "X-Forwarded-For", "203.0.113.7");
    assertThat(CredentialReader.INSTANCE.authorization(info)).isEqualTo("Bearer t");
    assertThat(info.traceparent).isEqualTo("00-a-b-01");
    assertThat(info.tracestate).isEqualTo("k=v");
    assertThat(info.protocolVersion).isEqualTo("2025-11-25");
    assertThat(info.sessionId).isEqualTo("s-1");
    assertThat(info.userAgent).isEqualTo("ua/1");
    assertThat(info.forwarded).isEqualTo("203.0.113.7");
    assertThat(info.forwardedRfc7239).isFalse();
    assertThat(info.correlationHeader).isNull();
  }

  @Test
  void onlyTheConfiguredForwardingHeaderIsReadAndWithAllItsLines() {
    HttpHeaderNames rfc7239 = new HttpHeaderNames("Forwarded", new String[0], new String[0]);
    assertThat(rfc7239.names()).contains("Forwarded").doesNotContain("X-Forwarded-For");
    HttpRequestInfo info = read(rfc7239, "Forwarded", "for=203.0.113.7");
    assertThat(info.forwarded).isEqualTo("for=203.0.113.7");
    assertThat(info.forwardedRfc7239).isTrue();
    assertThat(wanted.names()).doesNotContain("Forwarded");

    int forwardedAt = Arrays.asList(wanted.names()).indexOf("X-Forwarded-For");
    for (int i = 0; i < wanted.count(); i++) {
      assertThat(wanted.allLines(i)).as(wanted.name(i)).isEqualTo(i == forwardedAt);
    }
    // a proxy that adds its own line after the one the client wrote
    assertThat(HttpHeaderNames.joinLines(Collections.enumeration(List.of("6.6.6.6", "203.0.113.7"))))
        .isEqualTo("6.6.6.6, 203.0.113.7");
    assertThat(HttpHeaderNames.joinLines(List.of("a"))).isEqualTo("a");
    // a client that fills its own line cannot push out the proxy's: the right end is kept
    String flood = "6.6.6.6, ".repeat(4000) + "6.6.6.6";
    String kept = HttpHeaderNames.joinLines(Collections.enumeration(List.of(flood, "203.0.113.7")));
    assertThat(kept).endsWith(", 203.0.113.7").startsWith("6.6.6.6").hasSizeLessThanOrEqualTo(HttpHeaderNames.MAX_FORWARDED_CHARS);
    assertThat(HttpHeaderNames.joinLines(Collections.emptyEnumeration())).isNull();
    assertThat(HttpHeaderNames.joinLines((Iterable<?>) List.of())).isNull();
  }

  @Test
  void theFirstConfiguredCorrelationHeaderPresentWins() {
    HttpRequestInfo onlySecond = read(wanted, "X-Request-ID", "r-2");
    assertThat(onlySecond.correlationHeader).isEqualTo("X-Request-ID");
    assertThat(onlySecond.correlationValue).isEqualTo("r-2");

    HttpRequestInfo both = read(wanted, "X-Request-ID", "r-2", "X-Correlation-ID", "c-1");
    assertThat(both.correlationHeader).isEqualTo("X-Correlation-ID");
    assertThat(both.correlationValue).isEqualTo("c-1");
  }

  @Test
  void identityHeaderValuesKeepTheConfiguredOrder() {
    assertThat(read(wanted, "X-Tenant", "acme").identityHeaderValues).containsExactly(null, "acme");
    HttpHeaderNames none = new HttpHeaderNames("X-Forwarded-For", new String[] {"X-Correlation-ID"}, new String[0]);
    HttpRequestInfo info = new HttpRequestInfo();
    info.setHeaders(none, new String[none.count()]);
    assertThat(info.identityHeaderValues).isNull();
  }

  @Test
  void theCredentialIsNotPartOfThePublicApi() {
    for (Field f : HttpRequestInfo.class.getFields()) {
      assertThat(f.getName().toLowerCase()).as("public field").doesNotContain("auth");
    }
    for (Method m : HttpRequestInfo.class.getMethods()) {
      if (m.getReturnType() == String.class && m.getParameterCount() == 0) {
        assertThat(m.getDeclaringClass()).as(m.getName() + " returns a String").isEqualTo(Object.class);
      }
    }
    assertThat(Modifier.isPrivate(CredentialReader.class.getDeclaredConstructors()[0].getModifiers())).isTrue();
  }
}

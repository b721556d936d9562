package io.mcpaudit.bootstrap.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a thread working for a request carries, and for how long. */
class RequestScopeTest {

  /** Shaped like the SDK's {@code JSONRPCRequest}, read through the same accessors. */
  public record Request(String method, Object params) {}

  @Test
  void aToolNameReachesTheLogContextOnlyWhenItIsASafeShortToken() {
    assertThat(RequestFacts.toolName(new Request("tools/call", Map.of("name", "lookup_customer.v2")))).isEqualTo("lookup_customer.v2");
    assertThat(RequestFacts.toolName(new Request("tools/call", Map.of("name", "evil\n2026-12-02 INFO forged line")))).isNull();
    assertThat(RequestFacts.toolName(new Request("tools/call", Map.of("name", "a b")))).isNull();
    assertThat(RequestFacts.toolName(new Request("tools/call", Map.of("name", "t".repeat(129))))).isNull();
    assertThat(RequestFacts.toolName(new Request("tools/call", Map.of("name", "t".repeat(128))))).hasSize(128);
    assertThat(RequestFacts.toolName(new Request("prompts/get", Map.of("name", "greet")))).isNull();
  }

  @Test
  void aScheduledTaskRunsInTheScopeOnceAndLetsGoOfItAfterwards() {
    RequestScope scope = RequestScope.of(TraceContext.resolve(null, null), "t", null);
    List<RequestScope> seen = new ArrayList<>();
    Runnable periodic = scope.once(() -> seen.add(CallScope.current()));
    periodic.run();
    periodic.run();
    periodic.run();
    assertThat(seen).containsExactly(scope, null, null);
    assertThat(CallScope.current()).isNull();
  }
}

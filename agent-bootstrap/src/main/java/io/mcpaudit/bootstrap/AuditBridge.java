package io.mcpaudit.bootstrap;

import io.mcpaudit.bootstrap.context.CallScope;
import io.mcpaudit.bootstrap.context.MetaInjection;
import io.mcpaudit.bootstrap.context.Propagation;
import io.mcpaudit.bootstrap.context.RequestFacts;
import io.mcpaudit.bootstrap.context.RequestScope;
import io.mcpaudit.bootstrap.context.TraceContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Static entry points for advice. Every method is cheap, allocation-light, and safe to call before
 * the agent has started or after it has stopped (then it does nothing and returns null).
 */
public final class AuditBridge {

  private static volatile CallSink sink;
  /** Set once the agent has connected its pipeline: later install attempts are refused. */
  private static volatile boolean sealed;
  private static volatile String forwardedHeader = "X-Forwarded-For";
  private static volatile String[] correlationHeaders = {"X-Correlation-ID", "X-Request-ID"};
  private static volatile String[] identityHeaders = {};
  private static volatile HttpHeaderNames httpHeaders = headerNames();

  private static final ThreadLocal<HttpRequestInfo> currentHttp = new ThreadLocal<>();
  /** Streamable HTTP writes the response to a per-request transport instead of returning it. */
  private static final ConcurrentHashMap<Object, ServerCall> awaitingResponse = new ConcurrentHashMap<>();
  private static final AtomicLong ignoredResubscriptions = new AtomicLong();
  /** Captures started and not yet finished, so a clean stop can wait for requests still in flight. */
  private static final LongAdder inFlight = new LongAdder();

  private AuditBridge() {}

  /**
   * Connects the exporter. In a JVM running the agent this succeeds once, for the agent's own classes
   * only ({@link AgentCaller}): application code on the class path cannot disconnect, replace or tap
   * the audit path. A refused call changes nothing and is counted. Without the agent (unit tests,
   * benchmarks using these classes directly) the sink may be replaced.
   *
   * @return whether {@code newSink} is now connected
   */
  public static boolean install(CallSink newSink) {
    if (!AgentCaller.allowed("AuditBridge.install")) {
      return false;
    }
    synchronized (AuditBridge.class) {
      if (sealed) {
        AgentLog.warnOnce("bridge-installed-twice", "the audit pipeline is already connected; a second one was refused");
        return false;
      }
      sink = newSink;
      sealed = newSink != null && AgentClassLoader.agent() != null;
      return true;
    }
  }

  /** Disconnects the exporter (the agent failed to start, or stopped); capture stops. Agent only. */
  public static void uninstall() {
    if (AgentCaller.allowed("AuditBridge.uninstall")) {
      sink = null;
    }
  }

  /** The reader of raw credentials, for the agent's exporter; null (refused and counted) for anyone else. */
  public static CredentialReader credentialReader() {
    return AgentCaller.allowed("AuditBridge.credentialReader") ? CredentialReader.INSTANCE : null;
  }

  public static boolean isActive() {
    return sink != null;
  }

  public static void setCorrelationHeaders(String[] headers) {
    if (!AgentCaller.allowed("AuditBridge.setCorrelationHeaders")) {
      return;
    }
    correlationHeaders = headers.clone();
    httpHeaders = headerNames();
  }

  /** The header a trusted proxy manages: {@code X-Forwarded-For} (the default) or {@code Forwarded}. */
  public static void setForwardedHeader(String header) {
    if (!AgentCaller.allowed("AuditBridge.setForwardedHeader")) {
      return;
    }
    forwardedHeader = header;
    httpHeaders = headerNames();
  }

  private static HttpHeaderNames headerNames() {
    return new HttpHeaderNames(forwardedHeader, correlationHeaders, identityHeaders);
  }

  /** The request headers an HTTP advice copies (see {@link HttpRequestInfo#setHeaders}). */
  public static HttpHeaderNames httpHeaders() {
    return httpHeaders;
  }

  /** HTTP headers set by a gateway or mesh (workload id, tenant, …) copied into identity fields. */
  public static void setIdentityHeaders(String[] headers) {
    if (!AgentCaller.allowed("AuditBridge.setIdentityHeaders")) {
      return;
    }
    identityHeaders = headers.clone();
    httpHeaders = headerNames();
  }

  // ---- capture -------------------------------------------------------------------------------

  /** Starts capturing a request; null when the agent is not capturing. */
  public static ServerCall request(int engine, Object owner, Object message) {
    return sink == null ? null : started(new ServerCall(engine, false, message, owner, currentHttp.get()));
  }

  /** Starts capturing a notification; null when the agent is not capturing. */
  public static ServerCall notification(int engine, Object owner, Object message) {
    return sink == null ? null : started(new ServerCall(engine, true, message, owner, currentHttp.get()));
  }

  /**
   * Starts capturing a request this process sends ({@code ENGINE_CLIENT}); null when not capturing. The
   * trace context is decided now, on the sending thread (a child of the request it is handling, if
   * any), and {@link ServerCall#sentParams()} has it in {@code _meta}, for the advice to send instead.
   */
  public static ServerCall outbound(int engine, Object owner, String method, Object params) {
    if (sink == null) {
      return null;
    }
    RequestScope handling = CallScope.current();
    TraceContext trace = TraceContext.outbound(
        handling == null ? null : handling.trace, RequestFacts.metaTraceparent(new OutboundRequest(method, params)));
    // a traceparent the application put there itself is left as it is
    Object sent = Propagation.enabled() && !"meta.traceparent".equals(trace.correlationSource)
        ? MetaInjection.withTraceparent(params, trace.childTraceparent()) : params;
    ServerCall call = new ServerCall(engine, false, new OutboundRequest(method, sent), owner, null);
    call.presetTrace(trace);
    return started(call);
  }

  private static ServerCall started(ServerCall call) {
    inFlight.increment();
    return call;
  }

  /**
   * Waits up to {@code maxMillis} for captures in flight to finish (a stopping server usually
   * completes or cancels them), so their events are still accepted before the exporter closes.
   * A Mono the SDK never subscribes to never finishes; the wait is bounded for that reason.
   */
  public static void awaitInFlight(long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    while (inFlight.sum() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Captures started and not yet finished (requests still in flight). */
  public static long inFlight() {
    return inFlight.sum();
  }

  /** Remembers, from subscription to finish, that {@code call}'s response goes to {@code transport}. */
  static void awaitResponse(Object transport, ServerCall call) {
    awaitingResponse.put(transport, call);
  }

  /** Called when a Streamable transport writes a JSON-RPC response. */
  public static void responseSent(Object transport, Object response) {
    ServerCall call = awaitingResponse.remove(transport);
    if (call != null) {
      call.response = response;
    }
  }

  static void publish(ServerCall call) {
    inFlight.decrement();
    if (call.responseChannel != null) {
      awaitingResponse.remove(call.responseChannel, call);
    }
    CallSink current = sink;
    if (current != null) {
      try {
        current.accept(call);
      } catch (Throwable t) {
        // runs inside the application's Reactor chain: never let it see our failure
        AdviceErrors.record(t);
      }
    }
  }

  static void ignoredResubscription() {
    ignoredResubscriptions.incrementAndGet();
  }

  public static long ignoredResubscriptions() {
    return ignoredResubscriptions.get();
  }

  // ---- HTTP request scope ------------------------------------------------------------------------

  /**
   * Makes {@code info} visible to dispatch advice on this thread (servlet transports dispatch on the
   * request thread). Returns a token for {@link #exitHttp(Object)}.
   */
  public static Object enterHttp(HttpRequestInfo info) {
    HttpRequestInfo previous = currentHttp.get();
    currentHttp.set(info);
    return previous == null ? NO_PREVIOUS : previous;
  }

  /**
   * Whether a web framework's request handler belongs to an MCP transport (Spring AI's, or the SDK's own):
   * only those requests are worth copying HTTP facts for. Handlers are often lambdas named after the
   * transport class that defines them.
   */
  public static boolean isMcpHandler(Object handler) {
    String name = handler.getClass().getName();
    return name.startsWith("org.springframework.ai.mcp.") || name.startsWith("io.modelcontextprotocol.");
  }

  /** Restores what {@link #enterHttp} replaced; a null token (capture was off) does nothing. */
  public static void exitHttp(Object token) {
    if (token == NO_PREVIOUS) {
      currentHttp.remove();
    } else if (token instanceof HttpRequestInfo previous) {
      currentHttp.set(previous);
    }
  }

  private static final Object NO_PREVIOUS = new Object();

  // ---- reactive HTTP (WebFlux): the exchange travels in the Reactor context -------------------------

  /**
   * Key under which the Reactor context of a WebFlux request holds its {@code ServerWebExchange}, put
   * there around the whole handling of the request (response writing included), where the SDK's
   * dispatch Monos are subscribed. The application's own objects, its transport context among them,
   * are not touched.
   */
  public static final String HTTP_CONTEXT_KEY = "io.mcpaudit.http.exchange";
  private static volatile boolean reactiveHttp;

  /** A WebFlux request is being handled in this JVM: from now on dispatch advice looks in the Reactor context. */
  public static void reactiveRequestSeen() {
    if (!reactiveHttp) {
      reactiveHttp = true;
    }
  }

  /**
   * Whether dispatch advice should look for HTTP facts in the Reactor context: only once a reactive
   * web stack has put some there, and only for a call that got none from its thread.
   */
  public static boolean readsHttpFromContext(ServerCall call) {
    return reactiveHttp && call.http == null;
  }

  // ---- server identity ---------------------------------------------------------------------------

  /** Links a server's request-handler map (shared with all its sessions) to its serverInfo. */
  public static void registerServer(Object requestHandlers, Object serverInfo) {
    ServerRegistry.register(requestHandlers, serverInfo);
  }

  /**
   * The stateless server builds its handler map in its constructor without keeping it; the handler
   * it creates there reports the map first, then the server reports its info on the same thread.
   */
  public static void statelessHandlerCreated(Object requestHandlers) {
    ServerRegistry.pending(requestHandlers);
  }

  public static void statelessServerCreated(Object serverInfo) {
    ServerRegistry.registerPending(serverInfo);
  }
}

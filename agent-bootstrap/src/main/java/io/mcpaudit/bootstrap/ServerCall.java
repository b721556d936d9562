package io.mcpaudit.bootstrap;

import io.mcpaudit.bootstrap.context.CallScope;
import io.mcpaudit.bootstrap.context.RequestFacts;
import io.mcpaudit.bootstrap.context.RequestScope;
import io.mcpaudit.bootstrap.context.TraceContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One MCP request or notification handled by a server, as captured on the request path: references
 * to the SDK's own (immutable) objects and a few timestamps, nothing parsed or copied. The exporter
 * reads the SDK objects later, on its own thread.
 *
 * <p>The SDK's dispatch methods return lazy Reactor {@code Mono}s, so timing starts when the Mono
 * is subscribed and ends on its terminal or cancel signal. Instances hand out the callbacks that
 * advice attaches with {@code doOnSubscribe}, {@code doOnNext}, {@code doOnError} and
 * {@code doFinally}; they are JDK functional interfaces so that no Reactor type is needed here.
 *
 * <p>As an {@link Executor} that runs tasks at once inside the call's {@link CallScope}, it also lets
 * advice subscribe to the dispatch Mono with the request current ({@code subscribeOn(Schedulers
 * .fromExecutor(call))}), which is how the correlation reaches logs and downstream calls.
 */
public final class ServerCall implements Consumer<Object>, Executor {

  /** {@code McpServerSession}: stdio and HTTP+SSE. */
  public static final int ENGINE_SESSION = 1;
  /** {@code McpStreamableServerSession}: Streamable HTTP. */
  public static final int ENGINE_STREAMABLE = 2;
  /** Streamable HTTP {@code initialize}, which the SDK handles outside the session. */
  public static final int ENGINE_STREAMABLE_INIT = 3;
  /** {@code DefaultMcpStatelessServerHandler}: stateless HTTP. */
  public static final int ENGINE_STATELESS = 4;
  /** {@code McpClientSession}: a request this process sends to an MCP server (direction outbound). */
  public static final int ENGINE_CLIENT = 5;
  /** A request a server sends to its client (sampling, elicitation, roots): outbound, on the server's session. */
  public static final int ENGINE_SERVER_REQUEST = 6;

  public static final int SIGNAL_NONE = 0;
  public static final int SIGNAL_COMPLETE = 1;
  public static final int SIGNAL_ERROR = 2;
  public static final int SIGNAL_CANCEL = 3;
  /** The dispatch method threw instead of returning a Mono. */
  public static final int SIGNAL_THROWN = 4;

  public final int engine;
  public final boolean notification;
  /** {@code JSONRPCRequest}, {@code JSONRPCNotification} or (Streamable initialize) {@code InitializeRequest}. */
  public final Object message;
  /** The session or stateless handler that dispatched it. */
  public final Object owner;
  /**
   * HTTP facts copied on the request thread, or null (stdio). Reactive transports supply them from the
   * Reactor context when the call is subscribed ({@link #httpFromContext}), before anything reads them.
   */
  public HttpRequestInfo http;

  public long startNanos;
  public long endNanos;
  public int signal;
  /** {@code JSONRPCResponse}, or the bare result where the SDK produces no envelope. */
  public volatile Object response;
  public Throwable error;
  /**
   * The Mono produced its result (a value or an empty completion). A cancel that follows is how some
   * frameworks end a Mono they read one value from (Micronaut's controller does), not a lost request.
   */
  public volatile boolean answered;
  /** Streamable HTTP: the per-request transport the response is written to. */
  Object responseChannel;

  private static final VarHandle FINISHED;
  private static final VarHandle TRACE;

  static {
    try {
      FINISHED = MethodHandles.lookup().findVarHandle(ServerCall.class, "finished", boolean.class);
      TRACE = MethodHandles.lookup().findVarHandle(ServerCall.class, "trace", TraceContext.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // accessed through FINISHED
  private volatile boolean finished;
  /** Decided on first use: on the request path when propagating, else by the exporter. */
  private volatile TraceContext trace;
  private volatile RequestScope scope;
  private final Consumer<Object> onSubscribe = ignored -> start();
  private final Consumer<Object> onNext = value -> response = value;
  private final Consumer<Object> onSuccess = value -> {
    response = value;
    answered = true;
  };
  private final Consumer<Throwable> onError = t -> error = t;

  public ServerCall(int engine, boolean notification, Object message, Object owner, HttpRequestInfo http) {
    this.engine = engine;
    this.notification = notification;
    this.message = message;
    this.owner = owner;
    this.http = http;
    this.startNanos = System.nanoTime();
  }

  public Consumer<Object> onSubscribe() {
    return onSubscribe;
  }

  public Consumer<Object> onNext() {
    return onNext;
  }

  /** The {@code Mono.doOnSuccess} callback: runs for a value or an empty completion, before it goes downstream. */
  public Consumer<Object> onSuccess() {
    return onSuccess;
  }

  public Consumer<Throwable> onError() {
    return onError;
  }

  /** The {@code doFinally} callback: receives Reactor's {@code SignalType}, an enum. */
  @Override
  public void accept(Object signalType) {
    String name = signalType instanceof Enum<?> e ? e.name() : "";
    finish(
        switch (name) {
          case "ON_COMPLETE" -> SIGNAL_COMPLETE;
          case "ON_ERROR" -> SIGNAL_ERROR;
          case "CANCEL" -> SIGNAL_CANCEL;
          default -> SIGNAL_NONE;
        });
  }

  /**
   * The request's correlation and trace ids. The first caller decides them; every later caller (the
   * log context, a downstream call, the exporter) sees the same.
   */
  public TraceContext trace() {
    TraceContext current = trace;
    if (current == null) {
      TraceContext resolved = TraceContext.resolve(RequestFacts.metaTraceparent(message), http);
      current = TRACE.compareAndExchange(this, null, resolved) instanceof TraceContext won ? won : resolved;
    }
    return current;
  }

  /** For an outbound request: the parameters to send, with the trace context in their {@code _meta}. */
  public Object sentParams() {
    return message instanceof OutboundRequest request ? request.params() : null;
  }

  /** A request this process sent rather than handled. */
  public boolean outbound() {
    return engine == ENGINE_CLIENT || engine == ENGINE_SERVER_REQUEST;
  }

  /** Fixes the trace context up front (outbound requests decide it before they are sent). */
  void presetTrace(TraceContext context) {
    trace = context;
  }

  /**
   * What threads working for this call carry (see {@link RequestScope}): made once, on first use, by
   * the thread that subscribes to the call.
   */
  public RequestScope scope() {
    RequestScope current = scope;
    if (current == null) {
      current = RequestScope.of(trace(), RequestFacts.toolName(message), owner == null ? null : owner.getClass());
      scope = current;
    }
    return current;
  }

  /**
   * For {@code Mono.deferContextual}: a function that, given the subscriber's Reactor {@code ContextView},
   * copies this call's HTTP facts from the WebFlux exchange in it ({@link AuditBridge#HTTP_CONTEXT_KEY})
   * and returns {@code mono} unchanged. Typed with JDK interfaces only; the context is read through its
   * public interface.
   */
  public Function<Object, Object> httpFromContext(Object mono) {
    return contextView -> {
      if (http == null) {
        Object exchange = ContextReader.get(contextView, AuditBridge.HTTP_CONTEXT_KEY);
        if (exchange != null) {
          try {
            http = ReactiveRequests.copy(exchange);
          } catch (Throwable t) {
            AdviceErrors.record(t);
          }
        }
      }
      return mono;
    };
  }

  /** Runs {@code task} now, on this thread, with this call current (see {@link CallScope}). */
  @Override
  public void execute(Runnable task) {
    Object token = CallScope.enter(scope());
    try {
      task.run();
    } finally {
      CallScope.exit(token);
    }
  }

  /** Records a synchronous throw from the dispatch method itself. */
  public void thrown(Throwable t) {
    error = t;
    finish(SIGNAL_THROWN);
  }

  /** Streamable HTTP: the response will be written to {@code transport}, not returned. */
  public void respondsOn(Object transport) {
    responseChannel = transport;
  }

  private void start() {
    startNanos = System.nanoTime();
    if (responseChannel != null) {
      AuditBridge.awaitResponse(responseChannel, this);
    }
  }

  /** Ends the call once; a second terminal signal (a re-subscribed Mono) is ignored and counted. */
  void finish(int terminal) {
    if (!FINISHED.compareAndSet(this, false, true)) {
      AuditBridge.ignoredResubscription();
      return;
    }
    endNanos = System.nanoTime();
    signal = terminal;
    AuditBridge.publish(this);
  }
}

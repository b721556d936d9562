package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.exporter.model.ActivityEvent;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.bootstrap.AuditBridge;
import io.mcpaudit.bootstrap.CredentialReader;
import io.mcpaudit.bootstrap.HttpRequestInfo;
import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.bootstrap.ServerRegistry;
import io.mcpaudit.bootstrap.context.TraceContext;
import io.mcpaudit.exporter.model.json.Clock;
import io.mcpaudit.exporter.model.json.Ids;
import io.mcpaudit.exporter.model.json.Text;
import io.mcpaudit.exporter.privacy.FreeText;
import io.mcpaudit.exporter.privacy.Redactor;
import io.mcpaudit.exporter.privacy.ResourceUris;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns a captured {@link ServerCall} into an {@link ActivityEvent}, reading the SDK's objects by
 * reflection on the exporter thread. Each group of fields is read independently: a surprise in one
 * (an SDK shape we did not expect, hostile input) costs that group only, is counted, and the event is
 * still written.
 */
public final class ActivityMapper {
  private static final int MAX_ARGUMENT_KEYS = 64;
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";

  private final Ids ids;
  private final Clock clock;
  private final ProtocolVersions protocolVersions = new ProtocolVersions();
  private final ClassValue<String> sdkVersions = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      Package pkg = type.getPackage();
      return pkg == null ? null : pkg.getImplementationVersion();
    }
  };
  private long extractionErrors;
  private String lastError;

  private final IdentitySettings identity;
  private final Credentials credentials;
  /** Taken once, while the agent starts: the only way to the raw credential (see {@link AuditBridge#credentialReader}). */
  private final CredentialReader credentialReader;
  private final ClientSessions clientSessions = new ClientSessions();

  public ActivityMapper(Ids ids, Clock clock) {
    this(ids, clock, IdentitySettings.defaults());
  }

  public ActivityMapper(Ids ids, Clock clock, IdentitySettings identity) {
    this.ids = ids;
    this.clock = clock;
    this.identity = identity;
    this.credentials = new Credentials(identity.fingerprintKey());
    CredentialReader reader = AuditBridge.credentialReader();
    if (reader == null) {
      throw new IllegalStateException("the credential reader was refused: the mapper is not running inside the agent");
    }
    this.credentialReader = reader;
  }

  public long extractionErrors() {
    return extractionErrors;
  }

  /** The last extraction problem, for the agent log (class and field group only; never values). */
  public String lastError() {
    return lastError;
  }

  public void map(ServerCall call, ActivityEvent event) {
    event.reset();
    event.timestampMicros = clock.epochMicros(call.startNanos);
    event.eventId = ids.uuidV7(event.timestampMicros / 1_000);
    event.durationMs = Math.max(0, call.endNanos - call.startNanos) / 1_000L / 1_000.0;
    Object params = null;
    boolean initialize = call.engine == ServerCall.ENGINE_STREAMABLE_INIT;
    try {
      if (initialize) {
        event.operation = "initialize";
        params = call.message;
      } else {
        event.operation = Text.clean(Reflect.call(call.message, "method"), Text.NAME);
        params = Reflect.call(call.message, "params");
        if (!call.notification) {
          event.jsonrpcId = Text.clean(Reflect.call(call.message, "id"), Text.NAME);
        }
      }
      initialize |= "initialize".equals(event.operation);
      event.outbound = call.outbound();
    } catch (Exception | LinkageError e) {
      failed("message", e);
    }
    try {
      target(call, event, params);
    } catch (Exception | LinkageError e) {
      failed("target", e);
    }
    try {
      activity(event, params);
    } catch (Exception | LinkageError e) {
      failed("activity", e);
    }
    try {
      // decided on the request path when it was propagated there, otherwise now, by the same rules
      TraceContext trace = call.trace();
      event.correlationId = trace.correlationId;
      event.correlationSource = trace.correlationSource;
      event.traceId = trace.traceId;
      event.spanId = trace.spanId;
      event.parentSpanId = trace.parentSpanId;
    } catch (Exception | LinkageError e) {
      failed("correlation", e);
      event.correlationId = ids.traceId();
      event.correlationSource = "generated";
    }
    try {
      identity(call, event, params, initialize);
    } catch (Exception | LinkageError e) {
      failed("identity", e);
    }
    try {
      Outcome.apply(call, event);
    } catch (Exception | LinkageError e) {
      failed("outcome", e);
      event.status = "failure";
    }
    try {
      protocol(call, event, params, initialize);
    } catch (Exception | LinkageError e) {
      failed("protocol", e);
    }
  }

  private void target(ServerCall call, ActivityEvent event, Object params) {
    Object owner = call.owner;
    event.transport = switch (call.engine) {
      case ServerCall.ENGINE_SESSION -> sessionTransport(Reflect.field(owner, "transport"));
      case ServerCall.ENGINE_STREAMABLE, ServerCall.ENGINE_STREAMABLE_INIT -> "streamable_http";
      case ServerCall.ENGINE_STATELESS -> "stateless_http";
      case ServerCall.ENGINE_CLIENT -> clientTransport(Reflect.field(owner, "transport"));
      case ServerCall.ENGINE_SERVER_REQUEST -> owner != null && owner.getClass().getSimpleName().contains("Streamable")
          ? "streamable_http" : sessionTransport(Reflect.field(owner, "transport"));
      default -> null;
    };
    String sdkVersion = owner == null ? null : sdkVersions.get(owner.getClass());
    if (sdkVersion == null && call.message != null) {
      sdkVersion = sdkVersions.get(call.message.getClass()); // e.g. an owner from a repackaged jar without a manifest
    }
    event.sdkVersion = Text.clean(sdkVersion, Text.NAME);
    if (call.engine == ServerCall.ENGINE_CLIENT) {
      // the server called: from this session's initialize result
      Object serverInfo = Reflect.member(resultOf(call.response), "serverInfo");
      ClientSessions.Facts facts = clientSessions.of(owner);
      if (serverInfo == null && facts != null) {
        serverInfo = facts.serverInfo;
      }
      event.serverName = Text.clean(Reflect.member(serverInfo, "name"), Text.NAME);
      event.serverVersion = Text.clean(Reflect.member(serverInfo, "version"), Text.NAME);
      return;
    }
    Object serverInfo = ServerRegistry.lookup(Reflect.field(owner, "requestHandlers"));
    Object result = resultOf(call.response);
    Object initializeServerInfo = Reflect.member(result, "serverInfo");
    if (initializeServerInfo != null) {
      serverInfo = initializeServerInfo;
    }
    if (serverInfo == null) {
      serverInfo = ServerRegistry.latest();
    }
    event.serverName = Text.clean(Reflect.member(serverInfo, "name"), Text.NAME);
    event.serverVersion = Text.clean(Reflect.member(serverInfo, "version"), Text.NAME);
  }

  private static String sessionTransport(Object transport) {
    if (transport == null) {
      return "unknown";
    }
    String name = transport.getClass().getName();
    if (name.contains("Stdio")) {
      return "stdio";
    }
    return name.contains("Sse") ? "sse" : "unknown";
  }

  /** The SDK client transports: {@code HttpClientStreamableHttpTransport}, {@code HttpClientSseClientTransport}, … */
  private static String clientTransport(Object transport) {
    String name = transport == null ? "" : transport.getClass().getName();
    if (name.contains("Streamable")) {
      return "streamable_http";
    }
    if (name.contains("Stdio")) {
      return "stdio";
    }
    return name.contains("Sse") ? "sse" : "unknown";
  }

  private static void activity(ActivityEvent event, Object params) {
    String op = event.operation;
    if (op == null || params == null) {
      return;
    }
    switch (op) {
      case "tools/call" -> {
        event.toolName = name(Reflect.member(params, "name"));
        argumentKeys(Reflect.member(params, "arguments"), event);
      }
      case "prompts/get" -> {
        event.promptName = FreeText.scrub(Reflect.member(params, "name"), Text.NAME);
        argumentKeys(Reflect.member(params, "arguments"), event);
      }
      case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
          event.resourceUri = resourceUri(Reflect.member(params, "uri"));
      default -> { }
    }
  }

  /**
   * Without user information, query values and fragment ({@link ResourceUris}), and with detected
   * secrets and personal data replaced; cut to {@link Text#URI}.
   */
  private static String resourceUri(Object uri) {
    if (uri == null) {
      return null;
    }
    String text = String.valueOf(uri);
    return FreeText.scrub(ResourceUris.sanitize(text.length() > 4 * Text.URI ? text.substring(0, 4 * Text.URI) : text),
        Text.URI);
  }

  /** Tool names are chosen by developers; one longer than a sane identifier may be free text and is scrubbed. */
  private static String name(Object name) {
    String text = name == null ? null : String.valueOf(name);
    return text != null && text.length() > SANE_NAME ? FreeText.scrub(text, Text.NAME) : Text.clean(text, Text.NAME);
  }

  private static final int SANE_NAME = 64;

  /** Names only: argument values never leave the process (a name that holds a secret is scrubbed like free text). */
  private static void argumentKeys(Object arguments, ActivityEvent event) {
    if (arguments instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        if (event.argumentKeys.size() == MAX_ARGUMENT_KEYS) {
          break;
        }
        event.argumentKeys.add(FreeText.scrub(key, Text.NAME));
      }
    }
  }

  private void identity(ServerCall call, ActivityEvent event, Object params, boolean initialize) {
    HttpRequestInfo http = call.http;
    if (http != null) {
      event.sourcePort = http.remotePort > 0 ? http.remotePort : -1;
      ClientAddress.resolve(http.remoteAddr, http.forwarded, http.forwardedRfc7239, identity.trustedProxies(), event);
      event.userAgent = Text.clean(http.userAgent, Text.NAME);
      credentials.read(credentialReader.authorization(http), event);
      ClientCertificate.read(http.clientCertificate, event);
      event.requestBytes = http.contentLength;
      identityHeaders(http.identityHeaderValues, event);
    }
    if (call.engine != ServerCall.ENGINE_STATELESS && call.owner != null) {
      event.sessionId = Text.clean(Reflect.call(call.owner, "getId"), Text.NAME);
    }
    if (event.sessionId == null && http != null && call.engine != ServerCall.ENGINE_STATELESS) {
      event.sessionId = Text.clean(http.sessionId, Text.NAME);
    }
    Object clientInfo = null;
    if (initialize) {
      clientInfo = Reflect.member(params, "clientInfo");
    }
    boolean client = call.engine == ServerCall.ENGINE_CLIENT;
    ClientSessions.Facts facts = client ? clientSessions.of(call.owner) : null;
    if (clientInfo == null && facts != null) {
      clientInfo = facts.clientInfo; // this process is the client: as it introduced itself
    }
    if (clientInfo == null && !client) {
      Object ref = Reflect.field(call.owner, "clientInfo");
      clientInfo = ref instanceof AtomicReference<?> atomic ? atomic.get() : ref;
    }
    if (clientInfo == null) {
      // protocol 2026-07-28: no session, the client introduces itself in every request's _meta
      clientInfo = Reflect.member(meta(params), META_CLIENT_INFO);
    }
    event.clientName = Text.clean(Reflect.member(clientInfo, "name"), Text.NAME);
    event.clientVersion = Text.clean(Reflect.member(clientInfo, "version"), Text.NAME);
  }

  private void identityHeaders(String[] values, ActivityEvent event) {
    if (values == null) {
      return;
    }
    List<String> fields = identity.identityFields();
    for (int i = 0; i < values.length && i < fields.size(); i++) {
      if (values[i] != null) {
        event.identityHeaders.add(fields.get(i));
        // a gateway header is configured as identity, but a credential in it is still never recorded
        event.identityHeaders.add(Text.clean(Redactor.credentials().redact(
            values[i].length() > 4 * Text.NAME ? values[i].substring(0, 4 * Text.NAME) : values[i]), Text.NAME));
      }
    }
  }

  private void protocol(ServerCall call, ActivityEvent event, Object params, boolean initialize) {
    if (initialize) {
      Object negotiated = Reflect.member(resultOf(call.response), "protocolVersion");
      Object requested = Reflect.member(params, "protocolVersion");
      event.protocolVersion = Text.clean(negotiated != null ? negotiated : requested, Text.NAME);
      protocolVersions.learn(event.sessionId, event.protocolVersion);
      if (call.engine == ServerCall.ENGINE_CLIENT && negotiated != null) {
        clientSessions.initialized(call.owner, Reflect.member(params, "clientInfo"),
            Reflect.member(resultOf(call.response), "serverInfo"), event.protocolVersion);
      }
      return;
    }
    if (call.engine == ServerCall.ENGINE_CLIENT) {
      ClientSessions.Facts facts = clientSessions.of(call.owner);
      event.protocolVersion = facts == null ? null : facts.protocolVersion;
      return;
    }
    Object perRequest = Reflect.member(meta(params), META_PROTOCOL_VERSION);
    if (perRequest != null) {
      event.protocolVersion = Text.clean(perRequest, Text.NAME); // protocol 2026-07-28
    } else if (call.http != null && call.http.protocolVersion != null) {
      event.protocolVersion = Text.clean(call.http.protocolVersion, Text.NAME);
    } else {
      event.protocolVersion = protocolVersions.of(event.sessionId);
    }
  }

  /** The request's {@code _meta}: a map entry in raw params, the {@code meta()} component of a typed record. */
  private static Object meta(Object params) {
    return params instanceof Map<?, ?> map ? map.get("_meta") : Reflect.call(params, "meta");
  }

  /** The result inside a JSON-RPC response, or the bare result the SDK produced without one. */
  static Object resultOf(Object response) {
    return isEnvelope(response) ? Reflect.call(response, "result") : response;
  }

  static boolean isEnvelope(Object response) {
    return response != null && response.getClass().getSimpleName().equals("JSONRPCResponse");
  }

  private void failed(String group, Throwable e) {
    extractionErrors++;
    lastError = group + ": " + e.getClass().getName();
    AgentLog.warnOnce("extract:" + group + ":" + e.getClass().getName(),
        "could not read the " + group + " fields of an MCP call (" + e.getClass().getName()
            + "); the event is written without them");
  }
}

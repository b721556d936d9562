package io.mcpaudit.exporter.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code mcp_activity} event, flat, as the mapper fills it in. The exporter thread reuses a
 * single instance ({@link #reset()}); null means "absent" and is omitted from the JSON.
 */
public final class ActivityEvent {
  public String eventId;
  public long timestampMicros;
  public String correlationId;
  public String correlationSource;
  public String traceId;
  public String spanId;
  public String parentSpanId;

  public String sourceIp;
  public int sourcePort = -1;
  public String authScheme;
  public String userAgent;
  public String clientName;
  public String clientVersion;
  public String sessionId;
  public final List<String> forwardedFor = new ArrayList<>();
  public String mtlsSubject;
  public String spiffeId;
  public String principal;
  public String clientAppId;
  public String tokenIssuer;
  public String tokenExpiresAt;
  public String tokenFingerprint;
  /** Configured gateway identity headers: field name, value, field name, value, … */
  public final List<String> identityHeaders = new ArrayList<>();

  public String serverName;
  public String serverVersion;
  public String transport;
  public String sdkVersion;
  public String protocolVersion;

  public String operation;
  /** A request this process sent (client call) rather than handled. */
  public boolean outbound;
  public String jsonrpcId;
  public String toolName;
  public String resourceUri;
  public String promptName;

  public String status;
  public double durationMs;
  public Integer errorCode;
  public String errorMessage;
  /** The exception's class, when the agent saw the exception itself (never its message). */
  public String errorType;

  public long requestBytes = -1;
  public long responseBytes = -1;
  public final List<String> argumentKeys = new ArrayList<>();
  /** Content kind → count in the result ({@code text}, {@code image}, …, {@code structured}). */
  public final java.util.Map<String, Integer> resultContent = new java.util.LinkedHashMap<>();
  public Boolean isError;
  /** Items of a list result (tools, resources, templates, prompts); -1 when not a list. */
  public int listItems = -1;
  /** A redacted copy of the arguments, as JSON text (written as is). */
  public String argumentsJson;
  public boolean argumentsTruncated;
  public String argumentsDigest;
  public String resultJson;
  public boolean resultTruncated;
  public String resultDigest;
  /** Whether argument values were withheld or replaced; null: not decided by a stage (written as true). */
  public Boolean parametersScrubbed;
  /** Whether result values were withheld or replaced; null: not decided by a stage (written as true). */
  public Boolean payloadRedacted;
  /** Detector → values it replaced in this event's captured payload. */
  public final java.util.Map<String, Integer> redactions = new java.util.LinkedHashMap<>();
  public String redactionPolicy;

  public void reset() {
    eventId = correlationId = correlationSource = traceId = spanId = parentSpanId = null;
    timestampMicros = 0;
    sourceIp = authScheme = userAgent = clientName = clientVersion = sessionId = null;
    sourcePort = -1;
    forwardedFor.clear();
    mtlsSubject = spiffeId = null;
    principal = clientAppId = tokenIssuer = tokenExpiresAt = tokenFingerprint = null;
    identityHeaders.clear();
    serverName = serverVersion = transport = sdkVersion = protocolVersion = null;
    operation = jsonrpcId = toolName = resourceUri = promptName = null;
    outbound = false;
    status = null;
    durationMs = 0;
    errorCode = null;
    errorMessage = null;
    errorType = null;
    requestBytes = -1;
    responseBytes = -1;
    argumentKeys.clear();
    resultContent.clear();
    isError = null;
    listItems = -1;
    argumentsJson = argumentsDigest = resultJson = resultDigest = null;
    argumentsTruncated = resultTruncated = false;
    parametersScrubbed = payloadRedacted = null;
    redactions.clear();
    redactionPolicy = null;
  }
}

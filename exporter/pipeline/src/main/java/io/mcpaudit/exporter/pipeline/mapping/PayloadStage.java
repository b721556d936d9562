package io.mcpaudit.exporter.pipeline.mapping;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.ActivityEvent;
import io.mcpaudit.exporter.pipeline.stage.EventStage;
import io.mcpaudit.exporter.privacy.CapturePolicy;
import io.mcpaudit.exporter.privacy.CapturePolicy.Mode;
import io.mcpaudit.exporter.privacy.Payloads;
import java.util.List;
import java.util.Map;

/**
 * Payload metadata, argument and result capture, and what {@code security_context} says about them, on the
 * exporter thread. Always: the sizes of request and result, the result's content kinds and counts, {@code is_error}
 * and a list's item count; no values. Then, as {@code mcp.audit.capture.*} says for the call's tool: argument names
 * only (the default), a keyed digest, a redacted copy, or nothing; and for results nothing (the default), a
 * redacted copy or a digest. It reads the SDK objects the ring slot refers to and keeps nothing of them.
 */
public final class PayloadStage implements EventStage {
  private final CapturePolicy policy;
  private final Payloads payloads;
  private final String[] names;
  private final String version;

  public PayloadStage(CapturePolicy policy) {
    this.policy = policy;
    this.payloads = new Payloads(policy.redactor(), policy.keyNames(), policy.digestKey());
    this.names = payloads.countNames();
    this.version = policy.version();
  }

  @Override
  public String name() {
    return "payload";
  }

  @Override
  public void process(ServerCall call, ActivityEvent event) {
    event.redactionPolicy = version;
    String op = event.operation;
    if (op == null) {
      return;
    }
    boolean initialize = call.engine == ServerCall.ENGINE_STREAMABLE_INIT;
    Object params = initialize ? call.message : Reflect.call(call.message, "params");
    if (event.requestBytes < 0 && params != null) {
      event.requestBytes = payloads.size(params);
    }
    Object result = ActivityMapper.resultOf(call.response);
    if (ActivityMapper.isEnvelope(call.response) && Reflect.call(call.response, "error") != null) {
      result = null;
    }
    if (result != null) {
      event.responseBytes = payloads.size(result);
      metadata(op, result, event);
    }
    boolean tool = op.equals("tools/call");
    boolean prompt = op.equals("prompts/get");
    if (!tool && !prompt) {
      return;
    }
    String name = tool ? event.toolName : event.promptName;
    Mode argumentMode = tool ? policy.argumentsFor(name) : policy.arguments();
    Object arguments = Reflect.member(params, "arguments");
    int[] counts = payloads.newCounts();
    boolean hasArguments = arguments instanceof Map<?, ?> m ? !m.isEmpty() : arguments != null;
    if (argumentMode == Mode.NONE) {
      event.argumentKeys.clear();
    }
    if (hasArguments) {
      switch (argumentMode) {
        case DIGEST -> event.argumentsDigest = payloads.digest(arguments);
        case REDACTED -> {
          Payloads.Copy copy = payloads.redacted(arguments, policy.maxBytes(), counts);
          event.argumentsJson = copy.json;
          event.argumentsTruncated = copy.truncated;
          event.parametersScrubbed = copy.replaced > 0 || copy.truncated;
        }
        default -> { }
      }
    }
    if (tool && result != null) {
      Mode resultMode = policy.resultsFor(name);
      switch (resultMode) {
        case DIGEST -> event.resultDigest = payloads.digest(result);
        case REDACTED -> {
          Payloads.Copy copy = payloads.redacted(result, policy.maxBytes(), counts);
          event.resultJson = copy.json;
          event.resultTruncated = copy.truncated;
          event.payloadRedacted = copy.replaced > 0 || copy.truncated;
        }
        default -> { }
      }
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        event.redactions.merge(names[i], counts[i], Integer::sum);
      }
    }
  }

  /** Content kinds and counts, {@code is_error}, list sizes: shapes, never values. */
  private static void metadata(String op, Object result, ActivityEvent event) {
    switch (op) {
      case "tools/call" -> {
        Object isError = Reflect.member(result, "isError");
        if (isError instanceof Boolean b) {
          event.isError = b;
        }
        if (Reflect.member(result, "content") instanceof List<?> content) {
          for (Object item : content) {
            event.resultContent.merge(kind(item), 1, Integer::sum);
          }
        }
        if (Reflect.member(result, "structuredContent") != null) {
          event.resultContent.put("structured", 1);
        }
      }
      case "resources/read" -> {
        if (Reflect.member(result, "contents") instanceof List<?> contents) {
          for (Object item : contents) {
            event.resultContent.merge(Reflect.member(item, "blob") != null ? "blob" : "text", 1, Integer::sum);
          }
        }
      }
      case "prompts/get" -> {
        if (Reflect.member(result, "messages") instanceof List<?> messages) {
          event.listItems = messages.size();
        }
      }
      case "tools/list" -> event.listItems = size(Reflect.member(result, "tools"));
      case "resources/list" -> event.listItems = size(Reflect.member(result, "resources"));
      case "resources/templates/list" -> event.listItems = size(Reflect.member(result, "resourceTemplates"));
      case "prompts/list" -> event.listItems = size(Reflect.member(result, "prompts"));
      default -> { }
    }
  }

  private static int size(Object list) {
    return list instanceof List<?> l ? l.size() : -1;
  }

  /** The SDK's content records by their class name, or a raw map's {@code type}. */
  static String kind(Object item) {
    if (item instanceof Map<?, ?> map) {
      Object type = map.get("type");
      return type == null ? "unknown" : switch (String.valueOf(type)) {
        case "text", "image", "audio", "resource", "resource_link" -> String.valueOf(type);
        default -> "other";
      };
    }
    String simple = item == null ? "" : item.getClass().getSimpleName();
    return switch (simple) {
      case "TextContent" -> "text";
      case "ImageContent" -> "image";
      case "AudioContent" -> "audio";
      case "EmbeddedResource" -> "resource";
      case "ResourceLink" -> "resource_link";
      default -> "other";
    };
  }
}

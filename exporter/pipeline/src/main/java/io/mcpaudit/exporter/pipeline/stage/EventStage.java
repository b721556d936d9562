package io.mcpaudit.exporter.pipeline.stage;

import io.mcpaudit.bootstrap.ServerCall;
import io.mcpaudit.exporter.model.ActivityEvent;

/**
 * A processing step between mapping and serialization, on the exporter thread: given the captured call
 * and the event mapped from it, it adds or rewrites fields (redaction of captured arguments, classification
 * tags, policy decisions, detection). Stages run in order for every activity event; one that throws costs
 * its own fields only (the event is still written, and the failure counted).
 */
public interface EventStage {

  /** A short name for logs and counters. */
  String name();

  void process(ServerCall call, ActivityEvent event);
}

package io.mcpaudit.exporter.pipeline;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.mcpaudit.bootstrap.ServerCall;

/** A preallocated ring-buffer slot: a reference to the captured call, cleared once exported. */
public final class CallSlot {
  /** Copies the reference in; static, so publishing allocates nothing. */
  public static final EventTranslatorOneArg<CallSlot, ServerCall> TRANSLATOR = (slot, sequence, call) -> slot.call = call;

  ServerCall call;
}

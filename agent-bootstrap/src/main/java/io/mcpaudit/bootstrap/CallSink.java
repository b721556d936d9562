package io.mcpaudit.bootstrap;

/** Receives finished calls on the thread that finished them. Implementations never block or throw. */
public interface CallSink {

  /** Hands a finished call over; returns false when it could not be accepted (and was counted as dropped). */
  boolean accept(ServerCall call);
}

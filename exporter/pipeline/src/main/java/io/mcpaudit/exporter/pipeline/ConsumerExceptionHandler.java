package io.mcpaudit.exporter.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import io.mcpaudit.bootstrap.AgentLog;

/**
 * Keeps the exporter thread alive. The Disruptor's default handler rethrows, which would end the
 * only consumer and silently fill the ring: every later call would be dropped. The exporter already
 * catches per event; this catches what escapes elsewhere (flushing on a timeout, an interrupt).
 */
public final class ConsumerExceptionHandler implements ExceptionHandler<CallSlot> {
  private final EventProcessor exporter;

  public ConsumerExceptionHandler(EventProcessor exporter) {
    this.exporter = exporter;
  }

  @Override
  public void handleEventException(Throwable t, long sequence, CallSlot slot) {
    if (slot != null) {
      slot.call = null;
    }
    exporter.failed(t);
  }

  @Override
  public void handleOnStartException(Throwable t) {
    exporter.failed(t);
  }

  @Override
  public void handleOnShutdownException(Throwable t) {
    exporter.failed(t);
  }
}

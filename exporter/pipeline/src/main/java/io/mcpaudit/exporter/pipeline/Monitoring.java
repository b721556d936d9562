package io.mcpaudit.exporter.pipeline;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.shipping.Shipper;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import io.mcpaudit.exporter.shipping.ShipperStatsMBean;

/**
 * Registers the pipeline's and each remote exporter's MBean ({@code io.mcpaudit:type=Pipeline},
 * {@code io.mcpaudit:type=Exporter,name=<exporter>}) with the platform MBean server, on a thread of its own
 * so that starting JMX never delays the application's start.
 */
final class Monitoring {
  private final List<ObjectName> registered = new ArrayList<>();
  private volatile boolean closed;

  Monitoring(AuditPipeline pipeline) {
    Thread thread = new Thread(() -> register(pipeline), "mcp-audit-jmx");
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void register(AuditPipeline pipeline) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      add(server, new ObjectName("io.mcpaudit:type=Pipeline"),
          new StandardMBean(new PipelineStats(pipeline), PipelineStatsMBean.class));
      for (Shipper shipper : pipeline.shippers()) {
        add(server, new ObjectName("io.mcpaudit:type=Exporter,name=" + ObjectName.quote(shipper.name())),
            new StandardMBean(shipper.stats(), ShipperStatsMBean.class));
      }
    } catch (Exception | LinkageError e) {
      AgentLog.warnOnce("jmx", "could not register the audit pipeline's MBeans (" + e.getClass().getSimpleName()
          + "); the agent_stats events carry the same counters");
    }
  }

  private void add(MBeanServer server, ObjectName name, Object bean) throws Exception {
    if (closed) {
      return;
    }
    if (server.isRegistered(name)) {
      server.unregisterMBean(name); // an earlier pipeline in this JVM (tests)
    }
    server.registerMBean(bean, name);
    registered.add(name);
  }

  synchronized void close() {
    closed = true;
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : registered) {
      try {
        server.unregisterMBean(name);
      } catch (Exception ignored) {
        // already gone
      }
    }
    registered.clear();
  }

  /** The pipeline's counters, read when asked. */
  static final class PipelineStats implements PipelineStatsMBean {
    private final AuditPipeline pipeline;

    PipelineStats(AuditPipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public Map<String, Long> getCounters() {
      return pipeline.counters();
    }

    @Override
    public long getEventsAccepted() {
      return pipeline.counters().get("events_accepted");
    }

    @Override
    public long getEventsWritten() {
      return pipeline.eventsWritten();
    }

    @Override
    public long getEventsDropped() {
      return pipeline.eventsDropped();
    }

    @Override
    public long getDroppedQueueFull() {
      return pipeline.counters().get("dropped_queue_full");
    }

    @Override
    public long getSpoolBytes() {
      return pipeline.counters().getOrDefault("spool_bytes", 0L);
    }
  }
}

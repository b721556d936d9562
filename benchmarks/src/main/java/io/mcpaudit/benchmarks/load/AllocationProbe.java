package io.mcpaudit.benchmarks.load;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Bytes the server JVM's threads have allocated, read over a local JMX connection (attach API), so the
 * agent's share of allocation per request is the difference to the run without it.
 */
final class AllocationProbe implements AutoCloseable {
  private final JMXConnector connector;
  private final ThreadMXBean threads;

  private AllocationProbe(JMXConnector connector, ThreadMXBean threads) {
    this.connector = connector;
    this.threads = threads;
  }

  static AllocationProbe attach(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      return new AllocationProbe(connector, ManagementFactory.newPlatformMXBeanProxy(
          connector.getMBeanServerConnection(), ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class));
    } finally {
      vm.detach();
    }
  }

  /** Sum over live threads of the bytes each has allocated so far. */
  long allocatedBytes() {
    long sum = 0;
    for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      if (bytes > 0) {
        sum += bytes;
      }
    }
    return sum;
  }

  @Override
  public void close() throws Exception {
    connector.close();
  }
}

package io.mcpaudit.bootstrap;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Which serverInfo belongs to which server, keyed by the identity of the server's request-handler
 * map (the SDK shares that map with every session and handler of one server). Weak on both sides so
 * a redeployed web application can be unloaded. Registration happens once per server; lookups happen
 * on the exporter thread.
 */
public final class ServerRegistry {
  private static final List<Entry> entries = new ArrayList<>();
  private static final ThreadLocal<Object> pendingHandlers = new ThreadLocal<>();
  private static volatile WeakReference<Object> latest = new WeakReference<>(null);

  private ServerRegistry() {}

  static synchronized void register(Object requestHandlers, Object serverInfo) {
    if (requestHandlers == null || serverInfo == null) {
      return;
    }
    entries.removeIf(e -> e.handlers.get() == null);
    entries.add(new Entry(requestHandlers, serverInfo));
    latest = new WeakReference<>(serverInfo);
  }

  static void pending(Object requestHandlers) {
    pendingHandlers.set(requestHandlers);
  }

  static void registerPending(Object serverInfo) {
    Object handlers = pendingHandlers.get();
    pendingHandlers.remove();
    register(handlers, serverInfo);
  }

  /** The serverInfo registered for this handler map, or null. */
  public static synchronized Object lookup(Object requestHandlers) {
    for (Entry e : entries) {
      if (e.handlers.get() == requestHandlers && requestHandlers != null) {
        return e.serverInfo.get();
      }
    }
    return null;
  }

  /** The most recently registered serverInfo: the right answer in the common one-server process. */
  public static Object latest() {
    return latest.get();
  }

  private static final class Entry {
    final WeakReference<Object> handlers;
    final WeakReference<Object> serverInfo;

    Entry(Object handlers, Object serverInfo) {
      this.handlers = new WeakReference<>(handlers);
      this.serverInfo = new WeakReference<>(serverInfo);
    }
  }
}

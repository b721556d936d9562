package io.mcpaudit.exporter.pipeline.mapping;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What an MCP client session of this process learned at {@code initialize} (whom it called, how it
 * introduced itself, the negotiated protocol), so its later outbound events can say so. Keyed weakly
 * by the SDK's session object; only the exporter thread uses it.
 */
final class ClientSessions {
  static final class Facts {
    final Object clientInfo;
    final Object serverInfo;
    final String protocolVersion;

    Facts(Object clientInfo, Object serverInfo, String protocolVersion) {
      this.clientInfo = clientInfo;
      this.serverInfo = serverInfo;
      this.protocolVersion = protocolVersion;
    }
  }

  private final Map<Object, Facts> bySession = new WeakHashMap<>();

  void initialized(Object session, Object clientInfo, Object serverInfo, String protocolVersion) {
    if (session != null) {
      bySession.put(session, new Facts(clientInfo, serverInfo, protocolVersion));
    }
  }

  Facts of(Object session) {
    return session == null ? null : bySession.get(session);
  }
}

package io.mcpaudit.exporter.pipeline.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Protocol versions negotiated by {@code initialize}, per session, so that later requests of the same
 * session can carry it. Bounded (least recently used out); exporter thread only.
 */
final class ProtocolVersions {
  private static final int MAX_SESSIONS = 10_000;
  private final Map<String, String> bySession = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  void learn(String sessionId, String version) {
    if (sessionId != null && version != null) {
      bySession.put(sessionId, version);
    }
  }

  String of(String sessionId) {
    return sessionId == null ? null : bySession.get(sessionId);
  }
}

package io.mcpaudit.exporter.integrity.verify;

import io.mcpaudit.exporter.integrity.Checkpoints;
import io.mcpaudit.exporter.integrity.HashChain;
import io.mcpaudit.exporter.integrity.LineHash;
import io.mcpaudit.exporter.model.Deployment;
import io.mcpaudit.exporter.model.json.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes a sealed trail the way the exporter thread does: serialize, seal, checkpoint when due. */
final class Trail {
  final List<String> lines = new ArrayList<>();
  private final EventJson json = new EventJson(new Deployment("srv", "test", "host", "instance"));
  private final HashChain chain;
  private final Checkpoints checkpoints;
  private long micros = 1_700_000_000_000_000L;

  Trail(byte[] key, String keyId, PrivateKey signing, long every, String previousHash) {
    LineHash hash = key == null ? LineHash.sha256() : LineHash.hmac(key);
    chain = new HashChain(UUID.randomUUID().toString(), hash, keyId, previousHash);
    checkpoints = new Checkpoints(chain, every, 0, signing, signing == null ? null : "sha256:test", 0);
  }

  String chainId() {
    return chain.chainId();
  }

  String headHash() {
    return chain.headHash();
  }

  long seq() {
    return chain.seq();
  }

  Trail start(Map<String, Object> previous) throws IOException {
    json.previousChain(previous);
    json.lifecycle(id(), micros++, "start", "test", Map.of("mcp.audit.exporters", "file"), null);
    return write();
  }

  Trail gaps(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      json.gap(id(), micros++, "queue_full", null, i + 1, 1, 2);
      write();
    }
    return this;
  }

  Trail sinkLoss(long lines) throws IOException {
    json.gap(id(), micros++, "sink_write_failed", "file /var/log/audit.jsonl", null, 0, null, lines, lines, 1, 2);
    return write();
  }

  /** Leaves out the next {@code n} lines, as a sink whose write failed would. */
  Trail lose(int n) throws IOException {
    for (int i = 0; i < n; i++) {
      json.gap(id(), micros++, "queue_full", null, 1, 1, 2);
      chain.seal(json);
    }
    return this;
  }

  Trail stop() throws IOException {
    json.lifecycle(id(), micros++, "stop", "test", null, Map.of("events_written", 1L));
    write();
    checkpoint("stop", true);
    return this;
  }

  private Trail write() throws IOException {
    chain.seal(json);
    lines.add(new String(json.bytes(), 0, json.length() - 1, StandardCharsets.UTF_8));
    if (checkpoints.dueByCount()) {
      checkpoint("events", false);
    }
    return this;
  }

  private void checkpoint(String reason, boolean last) throws IOException {
    Checkpoints.Checkpoint c = checkpoints.next(reason, last);
    json.checkpoint(id(), micros++, c.chainId(), c.firstSeq(), c.lastSeq(), c.headHash(), c.previousCheckpointHash(),
        c.keyId(), c.reason(), c.last(), c.signature(), c.fingerprint());
    chain.seal(json);
    lines.add(new String(json.bytes(), 0, json.length() - 1, StandardCharsets.UTF_8));
    checkpoints.written(chain.seq(), chain.headHash(), 0);
  }

  private String id() {
    return UUID.randomUUID().toString();
  }

  Path write(Path file) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }
}

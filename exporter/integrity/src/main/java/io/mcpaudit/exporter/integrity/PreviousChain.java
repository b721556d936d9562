package io.mcpaudit.exporter.integrity;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chain an earlier run left at the end of the trail file: its id, last sequence number and hash, and its last
 * checkpoint (and whether that was the final checkpoint of a clean stop). A new chain starts from that hash and its
 * start event names all of it, so a restart is a documented link, not a hole. Read once at start, from the end of
 * the file backwards, and never more than {@link #MAX_SCAN} bytes.
 */
public record PreviousChain(String chainId, long lastSeq, String lastHash, long checkpointSeq, String checkpointHash,
    boolean cleanStop) {
  static final int MAX_SCAN = 4 << 20;
  private static final byte[] CHECKPOINT = "\"event_type\":\"integrity_checkpoint\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FINAL = "\"final\":true".getBytes(StandardCharsets.US_ASCII);

  /** The previous chain in {@code file}, or null when the file is absent, empty or holds no sealed line at its end. */
  public static PreviousChain read(Path file) {
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      int window = (int) Math.min(size, 64 * 1024);
      while (true) {
        byte[] bytes = new byte[window];
        in.seek(size - window);
        in.readFully(bytes);
        boolean lastTry = window == size || window >= MAX_SCAN;
        PreviousChain found = scan(bytes, window == size, lastTry);
        if (found != null || lastTry) {
          return found;
        }
        window = (int) Math.min(size, Math.min((long) window * 4, MAX_SCAN));
      }
    } catch (IOException | RuntimeException e) {
      return null; // unreadable: the new chain starts afresh, and its start event names no predecessor
    }
  }

  /**
   * Scans lines from the end: the last sealed line names the chain; its last checkpoint follows (or, when the window
   * is not the whole file and no checkpoint is in it yet, null asks for a bigger window).
   */
  private static PreviousChain scan(byte[] bytes, boolean wholeFile, boolean lastTry) {
    SealedLine last = null;
    int end = bytes.length;
    while (end > 0) {
      int start = end - 1;
      while (start > 0 && bytes[start - 1] != '\n') {
        start--;
      }
      boolean complete = start > 0 || wholeFile;
      int length = end - start;
      if (length > 0 && bytes[end - 1] == '\n') {
        length--;
      }
      if (complete && length > 0) {
        SealedLine line = SealedLine.parse(bytes, start, length);
        if (line != null) {
          if (last == null) {
            last = line;
          } else if (!line.chainId().equals(last.chainId())) {
            return new PreviousChain(last.chainId(), last.seq(), last.hash(), 0, null, false); // no checkpoint in it
          }
          if (SealedLine.lastIndexOf(bytes, start, start + Math.min(length, 120), CHECKPOINT) >= 0) {
            boolean clean = line == last && SealedLine.lastIndexOf(bytes, start, start + length, FINAL) >= 0;
            return new PreviousChain(last.chainId(), last.seq(), last.hash(), line.seq(), line.hash(), clean);
          }
        }
      }
      end = start;
      if (!complete) {
        break;
      }
    }
    if (last != null && lastTry) {
      return new PreviousChain(last.chainId(), last.seq(), last.hash(), 0, null, false);
    }
    return null;
  }

  /** As the start event's {@code lifecycle.previous_chain}. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("chain_id", chainId);
    out.put("last_seq", lastSeq);
    out.put("last_hash", lastHash);
    if (checkpointHash != null) {
      out.put("checkpoint_seq", checkpointSeq);
      out.put("checkpoint_hash", checkpointHash);
    }
    out.put("clean_stop", cleanStop);
    return out;
  }
}

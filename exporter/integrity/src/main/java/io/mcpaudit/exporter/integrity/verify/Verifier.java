package io.mcpaudit.exporter.integrity.verify;

import io.mcpaudit.exporter.integrity.Checkpoints;
import io.mcpaudit.exporter.integrity.Ed25519;
import io.mcpaudit.exporter.integrity.HashChain;
import io.mcpaudit.exporter.integrity.LineHash;
import io.mcpaudit.exporter.integrity.SealedLine;
import io.mcpaudit.exporter.integrity.verify.Finding.Kind;
import io.mcpaudit.exporter.integrity.verify.Finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks trail files against their integrity chains. Files may be given in any order (a rotated set, copies from
 * several places): lines are grouped by chain and ordered by sequence number, then every rule is checked — each
 * line's hash over its canonical form, each {@code prev_hash} link, no missing or repeated sequence numbers except
 * where an {@code audit_gap} with {@code lines_lost} documents them, lines of a chain in increasing order within a
 * file, checkpoints that match the lines they cover (and are signed, when public keys are given), chains that end
 * with the final checkpoint of a clean stop or are vouched for by the next run's start event, and anchors (checkpoints
 * held elsewhere) that the files still reach. Reads each line once; only checkpoint, start and gap lines are parsed
 * as JSON. Keeps about 200 bytes per line in memory.
 */
public final class Verifier {
  private static final byte[] EVENT_TYPE = ascii("\"event_type\":\"");
  private static final byte[] LINE_START = ascii("{\"schema_version\":\"1\",\"event_type\":\"");
  private static final byte[] TIMESTAMP = ascii("\"timestamp\":\"");
  private static final String CHECKPOINT = "integrity_checkpoint";
  private static final String LIFECYCLE = "agent_lifecycle";

  private final LineHash sha = LineHash.sha256();
  private final List<LineHash> macs = new ArrayList<>();
  private final List<PublicKey> publicKeys;
  private final List<String> fileNames = new ArrayList<>();
  private final Map<String, Chain> chains = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final List<Map<String, Object>> anchors = new ArrayList<>();
  private long lines;
  private boolean hmacWithoutKey;
  /** The chain of the line before (lines come in runs of one chain): its last seq in {@link #lastChainFile}. */
  private Chain lastChain;
  private int lastChainFile = -1;
  private long lastChainSeq;
  /** An unsealed line waiting for the line after it (see {@link #settleUnsealed}); line 0 for none. */
  private int unsealedFile;
  /** The chain that began first: the only one the files may begin part-way into. */
  private Chain oldest;
  private long unsealedLine;

  public Verifier(List<byte[]> hmacKeys, List<PublicKey> publicKeys) {
    for (byte[] key : hmacKeys) {
      macs.add(LineHash.hmac(key));
    }
    this.publicKeys = List.copyOf(publicKeys);
  }

  /** A file of checkpoint lines kept elsewhere (a SIEM's copy): the trail must reach each of them, unchanged. */
  public void addAnchors(Path file) throws IOException {
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      Map<String, Object> event = JsonLine.parse(bytes, 0, bytes.length);
      if (event != null && CHECKPOINT.equals(event.get("event_type"))) {
        anchors.add(event);
      }
    }
    if (anchors.isEmpty()) {
      throw new IOException(file + " holds no integrity_checkpoint line");
    }
  }

  /** Reads one trail file. */
  public void read(Path file) throws IOException {
    int fileIndex = fileNames.size();
    fileNames.add(file.toString());
    Map<String, Long> lastSeqInFile = new HashMap<>();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int filled = 0;
      long lineNo = 0;
      while (true) {
        int n = in.read(buf, filled, buf.length - filled);
        if (n < 0) {
          if (filled > 0) {
            line(fileIndex, ++lineNo, buf, 0, filled, lastSeqInFile, false);
          }
          break;
        }
        filled += n;
        int start = 0;
        for (int i = 0; i < filled; i++) {
          if (buf[i] == '\n') {
            line(fileIndex, ++lineNo, buf, start, i - start, lastSeqInFile, true);
            start = i + 1;
          }
        }
        System.arraycopy(buf, start, buf, 0, filled - start);
        filled -= start;
        if (filled == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
        }
      }
    }
    settleUnsealed(false);
  }

  private void line(int file, long lineNo, byte[] b, int off, int len, Map<String, Long> lastSeqInFile,
      boolean terminated) {
    lines++;
    if (len == 0 || len == 1 && b[off] == '\r') {
      add(Severity.ERROR, Kind.INSERTED, file, lineNo, null, 0, "an empty line: the agent never writes one");
      return;
    }
    SealedLine sealed = SealedLine.parse(b, off, len, lastChain == null ? null : lastChain.id,
        lastChain == null ? null : lastChain.last);
    boolean startsARun = sealed != null && sealed.seq() == 1 && "agent_lifecycle".equals(eventType(b, off, len));
    settleUnsealed(startsARun);
    if (sealed == null) {
      if (terminated) {
        unsealedFile = file; // judged by the line that follows it
        unsealedLine = lineNo;
      } else {
        add(Severity.INCOMPLETE, Kind.TRUNCATED, file, lineNo, null, 0,
            "the last line is incomplete (no newline, no integrity member): the file was cut mid-line");
      }
      return;
    }
    Chain chain = lastChain != null && lastChain.id.equals(sealed.chainId()) ? lastChain
        : chains.computeIfAbsent(sealed.chainId(), Chain::new);
    Entry e = new Entry(file, lineNo, sealed.seq(), sealed.prevHash(), sealed.hash(), sealed.keyId());
    e.valid = checkHash(chain, b, off, sealed);
    String type = eventType(b, off, len);
    if (CHECKPOINT.equals(type) || LIFECYCLE.equals(type) || "audit_gap".equals(type)) {
      Map<String, Object> event = JsonLine.parse(b, off, len);
      boolean keep = event != null && (CHECKPOINT.equals(type)
          || LIFECYCLE.equals(type) && "start".equals(JsonLine.string(event, "lifecycle", "phase"))
          || "sink_write_failed".equals(JsonLine.string(event, "gap", "reason")));
      if (keep) {
        e.type = type;
        e.event = event; // only the few lines whose content the checks need are kept
      }
    }
    if (chain.firstTimestamp == null || sealed.seq() < chain.minSeqSeen) {
      chain.minSeqSeen = sealed.seq();
      chain.firstTimestamp = field(b, off, len, TIMESTAMP);
    }
    Long before;
    if (chain == lastChain && lastChainFile == file) {
      before = lastChainSeq; // the common case: the same chain as the line before, in the same file
    } else {
      if (lastChain != null && lastChainFile == file) {
        lastSeqInFile.put(lastChain.id, lastChainSeq);
      }
      before = lastSeqInFile.get(chain.id);
    }
    lastChain = chain;
    lastChainFile = file;
    lastChainSeq = sealed.seq();
    if (before != null && sealed.seq() == before) {
      add(Severity.ERROR, Kind.INSERTED, file, lineNo, sealed.chainId(), sealed.seq(),
          "the line repeats seq " + before + " of the line before it");
    } else if (before != null && sealed.seq() < before) {
      add(Severity.ERROR, Kind.REORDERED, file, lineNo, sealed.chainId(), sealed.seq(),
          "seq " + sealed.seq() + " comes after seq " + before + " of the same chain: lines were moved");
    }
    chain.last = e.hash;
    chain.entries.add(e);
  }

  private boolean checkHash(Chain chain, byte[] b, int off, SealedLine s) {
    String stated = s.hash();
    int length = s.canonicalEnd() - off;
    if (stated.startsWith(LineHash.SHA256)) {
      return hexEquals(sha.hash(b, off, length, SealedLine.CANONICAL_CLOSE), stated, LineHash.SHA256.length());
    }
    if (!stated.startsWith(LineHash.HMAC_SHA256)) {
      return false;
    }
    if (macs.isEmpty()) {
      hmacWithoutKey = true;
      return false;
    }
    int prefix = LineHash.HMAC_SHA256.length();
    if (chain.mac >= 0 && hexEquals(macs.get(chain.mac).hash(b, off, length, SealedLine.CANONICAL_CLOSE), stated, prefix)) {
      return true;
    }
    for (int i = 0; i < macs.size(); i++) {
      if (i != chain.mac && hexEquals(macs.get(i).hash(b, off, length, SealedLine.CANONICAL_CLOSE), stated, prefix)) {
        chain.mac = i;
        return true;
      }
    }
    return false;
  }

  /**
   * An unsealed line is tampering, except the one kind the agent leaves itself: the fragment of a line a crash cut
   * short, which the next run closes with a newline before its start event.
   */
  private void settleUnsealed(boolean nextStartsARun) {
    if (unsealedLine == 0) {
      return;
    }
    if (nextStartsARun) {
      add(Severity.INFO, Kind.NOTE, unsealedFile, unsealedLine, null, 0,
          "a line cut short when its process died; the next run starts after it");
    } else {
      add(Severity.ERROR, Kind.UNSEALED, unsealedFile, unsealedLine, null, 0,
          "the line carries no integrity member: inserted, or written with integrity off");
    }
    unsealedLine = 0;
  }

  /** The verdict over everything read. */
  public VerifyResult finish() {
    settleUnsealed(false);
    if (chains.isEmpty()) {
      findings.add(new Finding(Severity.ERROR, Kind.TRUNCATED, null, 0, null, 0,
          "no sealed line at all: an empty trail proves nothing"));
      return new VerifyResult(fileNames.size(), lines, 0, 0, findings, false);
    }
    if (hmacWithoutKey) {
      findings.add(0, new Finding(Severity.ERROR, Kind.NOTE, null, 0, null, 0,
          "the trail is keyed (hmac-sha256): give the key with --key-file to verify it"));
      return new VerifyResult(fileNames.size(), lines, List.copyOf(chains.values()).size(), 0, findings, true);
    }
    Map<String, Chain> successors = new HashMap<>();
    List<Chain> withoutPredecessor = new ArrayList<>();
    for (Chain chain : chains.values()) {
      chain.entries.sort(Comparator.comparingLong((Entry x) -> x.seq).thenComparingLong(x -> x.line));
      Entry first = chain.entries.get(0);
      Map<String, Object> previous = first.seq == 1 && first.event != null
          ? asMap(JsonLine.get(first.event, "lifecycle", "previous_chain")) : null;
      chain.previous = previous;
      if (previous != null && JsonLine.string(previous, "chain_id") != null) {
        successors.put(JsonLine.string(previous, "chain_id"), chain);
      }
    }
    oldest = chains.values().stream().min(Comparator.comparing(c -> String.valueOf(c.firstTimestamp))).orElse(null);
    int checkpoints = 0;
    for (Chain chain : chains.values()) {
      checkpoints += walk(chain);
      String predecessor = chain.previous == null ? null : JsonLine.string(chain.previous, "chain_id");
      if (predecessor != null && !chains.containsKey(predecessor)) {
        withoutPredecessor.add(chain);
      }
    }
    for (Chain chain : chains.values()) {
      ending(chain, successors.get(chain.id));
      linkToPrevious(chain);
    }
    missingChains(withoutPredecessor);
    for (Map<String, Object> anchor : anchors) {
      anchor(anchor);
    }
    // the first bad line in the order the files were given, errors before an incomplete end, then the notes
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < fileNames.size(); i++) {
      order.putIfAbsent(fileNames.get(i), i);
    }
    findings.sort(Comparator.comparingInt((Finding f) -> f.severity().ordinal())
        .thenComparingInt(f -> f.file() == null ? Integer.MAX_VALUE : order.getOrDefault(f.file(), 0))
        .thenComparingLong(Finding::line)
        .thenComparing(Finding::kind));
    return new VerifyResult(fileNames.size(), lines, chains.size(), checkpoints, findings, false);
  }

  /** Checks one chain in seq order; returns the checkpoints it holds. */
  private int walk(Chain chain) {
    List<Entry> entries = chain.entries;
    Entry first = entries.get(0);
    String genesisSha = HashChain.genesis(LineHash.SHA256);
    String genesisMac = HashChain.genesis(LineHash.HMAC_SHA256);
    if (first.seq != 1 && chain == oldest) {
      add(Severity.INFO, Kind.PARTIAL, first.file, first.line, chain.id, first.seq,
          "the files begin inside chain " + chain.id + " at seq " + first.seq + " (its earlier lines are not among them)");
    } else if (first.seq != 1) {
      add(Severity.ERROR, Kind.DELETED, first.file, first.line, chain.id, first.seq, "the first " + (first.seq - 1)
          + " line(s) of chain " + chain.id + ", its start event included, are missing (only the oldest chain of a"
          + " trail may begin part-way, where older files were removed)");
    } else if (chain.previous == null && !first.prev.equals(genesisSha) && !first.prev.equals(genesisMac)) {
      add(Severity.ERROR, Kind.MODIFIED, first.file, first.line, chain.id, 1,
          "the chain's first line links to a predecessor that its start event does not name");
    }
    String algorithm = algorithm(first.hash);
    if (!macs.isEmpty() && !algorithm.equals(LineHash.HMAC_SHA256)) {
      add(Severity.ERROR, Kind.REKEYED, first.file, first.line, chain.id, first.seq, "chain " + chain.id + " is not keyed"
          + " (plain SHA-256) although keys were given: written without the key, or forged to replace a keyed chain");
    }
    boolean anyValid = false;
    boolean anyInvalid = false;
    Entry previous = null;
    Entry lastCheckpoint = null;
    List<long[]> holes = new ArrayList<>(); // {missing lines, index of the entry after the hole}
    int checkpoints = 0;
    String keyId = first.keyId;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      if (previous != null && e.seq == previous.seq) {
        if (e.hash.equals(previous.hash) && e.valid && previous.valid && e.file != previous.file) {
          e.duplicate = true;
          if (!chain.duplicateReported) {
            chain.duplicateReported = true;
            add(Severity.INFO, Kind.DUPLICATE, e.file, e.line, chain.id, e.seq,
                "the same line is in more than one file (copies overlap); each copy checks out");
          }
        } else {
          Entry bad = e.valid && !previous.valid ? previous : e;
          add(Severity.ERROR, Kind.INSERTED, bad.file, bad.line, chain.id, e.seq,
              "a second line with seq " + e.seq + " in chain " + chain.id + ": one was inserted");
          bad.duplicate = true;
          if (bad == previous) {
            previous = e;
          }
        }
        continue;
      }
      if (e.valid) {
        anyValid = true;
      } else {
        anyInvalid = true;
        add(Severity.ERROR, Kind.MODIFIED, e.file, e.line, chain.id, e.seq,
            "the line's hash does not match its content: it was changed after it was written");
      }
      if (!algorithm(e.hash).equals(algorithm)) {
        add(Severity.ERROR, Kind.REKEYED, e.file, e.line, chain.id, e.seq,
            "the hash algorithm changes inside chain " + chain.id + ": lines were re-sealed without the key");
        algorithm = algorithm(e.hash);
      }
      if (!java.util.Objects.equals(e.keyId, keyId)) {
        add(Severity.ERROR, Kind.REKEYED, e.file, e.line, chain.id, e.seq,
            "the key id changes inside chain " + chain.id + " (" + keyId + " to " + e.keyId + ")");
        keyId = e.keyId;
      }
      if (previous != null) {
        if (e.seq > previous.seq + 1) {
          holes.add(new long[] {e.seq - previous.seq - 1, i});
        } else if (!e.prev.equals(previous.hash)) {
          add(Severity.ERROR, Kind.MODIFIED, e.file, e.line, chain.id, e.seq,
              "prev_hash does not match the hash of seq " + previous.seq + ": the chain was rewritten or spliced");
        }
      }
      if ("audit_gap".equals(e.type) && "sink_write_failed".equals(JsonLine.string(e.event, "gap", "reason"))
          && String.valueOf(JsonLine.string(e.event, "gap", "sink")).startsWith("file ")) {
        long explained = JsonLine.number(e.event, 0, "gap", "lines_lost");
        while (explained > 0 && !holes.isEmpty()) {
          long[] hole = holes.get(0);
          long covered = Math.min(hole[0], explained);
          hole[0] -= covered;
          explained -= covered;
          if (hole[0] == 0) {
            Entry after = entries.get((int) hole[1]);
            add(Severity.INFO, Kind.GAP, after.file, after.line, chain.id, after.seq,
                "lines before seq " + after.seq + " were lost by a failing write, as the audit_gap at line " + e.line
                    + " documents");
            holes.remove(0);
          }
        }
      }
      if (CHECKPOINT.equals(e.type)) {
        checkpoints++;
        checkpoint(chain, e, lastCheckpoint);
        lastCheckpoint = e;
      }
      previous = e;
    }
    for (long[] hole : holes) {
      Entry after = entries.get((int) hole[1]);
      add(Severity.ERROR, Kind.DELETED, after.file, after.line, chain.id, after.seq,
          hole[0] + " line(s) of chain " + chain.id + " are missing before seq " + after.seq
              + " and no audit_gap documents them");
    }
    if (!anyValid && anyInvalid && !macs.isEmpty() && first.hash.startsWith(LineHash.HMAC_SHA256)) {
      add(Severity.ERROR, Kind.REKEYED, first.file, first.line, chain.id, first.seq,
          "no given key verifies any line of chain " + chain.id + ": it was written, or rewritten, with another key");
    }
    chain.lastEntry = previous;
    chain.lastCheckpoint = lastCheckpoint;
    return checkpoints;
  }

  private void checkpoint(Chain chain, Entry e, Entry previousCheckpoint) {
    Map<String, Object> c = asMap(JsonLine.get(e.event, "checkpoint"));
    if (c == null) {
      add(Severity.ERROR, Kind.MODIFIED, e.file, e.line, chain.id, e.seq, "a checkpoint without its checkpoint object");
      return;
    }
    long firstSeq = JsonLine.number(c, -1, "first_seq");
    long lastSeq = JsonLine.number(c, -1, "last_seq");
    String head = JsonLine.string(c, "head_hash");
    String prevCheckpoint = JsonLine.string(c, "prev_checkpoint_hash");
    boolean last = Boolean.TRUE.equals(c.get("final"));
    long expectedFirst = previousCheckpoint == null ? chain.entries.get(0).seq : previousCheckpoint.seq + 1;
    Entry covered = find(chain, lastSeq);
    boolean ok = chain.id.equals(JsonLine.string(c, "chain_id")) && lastSeq == e.seq - 1
        && (previousCheckpoint == null ? chain.entries.get(0).seq > 1 || firstSeq == 1 : firstSeq == expectedFirst)
        && (covered == null || covered.hash.equals(head))
        && (previousCheckpoint == null ? chain.entries.get(0).seq > 1 || prevCheckpoint == null
            : previousCheckpoint.hash.equals(prevCheckpoint));
    if (!ok) {
      add(Severity.ERROR, Kind.MODIFIED, e.file, e.line, chain.id, e.seq,
          "the checkpoint does not match the lines it covers (seq " + firstSeq + " to " + lastSeq + ")");
    }
    String signature = JsonLine.string(c, "signature");
    if (publicKeys.isEmpty()) {
      return;
    }
    if (signature == null || !signature.startsWith("ed25519:")) {
      add(Severity.ERROR, Kind.RESIGNED, e.file, e.line, chain.id, e.seq,
          "the checkpoint is not signed, but public keys were given");
      return;
    }
    byte[] statement = Checkpoints.statement(chain.id, firstSeq, lastSeq, head, prevCheckpoint, last);
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(signature.substring("ed25519:".length()));
    } catch (IllegalArgumentException bad) {
      signed = new byte[0];
    }
    for (PublicKey key : publicKeys) {
      if (Ed25519.verify(key, statement, signed)) {
        return;
      }
    }
    add(Severity.ERROR, Kind.RESIGNED, e.file, e.line, chain.id, e.seq,
        "the checkpoint's signature does not verify with the given public key(s) (fingerprint "
            + JsonLine.string(c, "public_key_fingerprint") + ")");
  }

  /** How a chain ends: with its final checkpoint, vouched for by the next run, or cut short. */
  private void ending(Chain chain, Chain successor) {
    Entry last = chain.lastEntry;
    boolean clean = chain.lastCheckpoint == last && CHECKPOINT.equals(last.type)
        && Boolean.TRUE.equals(JsonLine.get(last.event, "checkpoint", "final"));
    chain.cleanStop = clean;
    long recorded = successor == null ? -1 : JsonLine.number(successor.previous, -1, "last_seq");
    if (clean) {
      if (successor != null) {
        add(Severity.INFO, Kind.RESTART, null, 0, successor.id, 1,
            "chain " + successor.id + " continues chain " + chain.id + " after a clean stop");
      }
      return;
    }
    if (successor != null && recorded == last.seq) {
      add(Severity.INFO, Kind.RESTART, null, 0, successor.id, 1, "chain " + chain.id
          + " ended without a clean stop (the process died) at seq " + last.seq + "; chain " + successor.id
          + " recorded that end when it started");
    } else if (successor != null && recorded > last.seq) {
      add(Severity.ERROR, Kind.TRUNCATED, fileNames.get(last.file), last.line, chain.id, last.seq,
          "chain " + chain.id + " ends at seq " + last.seq + ", but the next run recorded it ending at seq " + recorded);
    } else {
      add(Severity.INCOMPLETE, Kind.TRUNCATED, fileNames.get(last.file), last.line, chain.id, last.seq,
          "chain " + chain.id + " ends at seq " + last.seq + " without the final checkpoint of a clean stop: cut short,"
              + " or its process is still running or was killed");
    }
  }

  /** The start event names the chain before: its last hash must be the one this chain links to. */
  private void linkToPrevious(Chain chain) {
    if (chain.previous == null) {
      return;
    }
    Entry first = chain.entries.get(0);
    String lastHash = JsonLine.string(chain.previous, "last_hash");
    if (!first.prev.equals(lastHash)) {
      add(Severity.ERROR, Kind.MODIFIED, fileNames.get(first.file), first.line, chain.id, 1,
          "the start event's previous_chain.last_hash is not the hash this chain links to");
    }
    Chain before = chains.get(JsonLine.string(chain.previous, "chain_id"));
    if (before != null) {
      Entry named = find(before, JsonLine.number(chain.previous, -1, "last_seq"));
      if (named != null && !named.hash.equals(lastHash)) {
        add(Severity.ERROR, Kind.MODIFIED, fileNames.get(named.file), named.line, before.id, named.seq,
            "this line is not the one the next run recorded as chain " + before.id + "'s last");
      }
    }
  }

  /** Only the oldest chain may name a predecessor that is not among the files; any other one was removed. */
  private void missingChains(List<Chain> withoutPredecessor) {
    withoutPredecessor.sort(Comparator.comparing(c -> String.valueOf(c.firstTimestamp)));
    for (Chain chain : withoutPredecessor) {
      String missing = JsonLine.string(chain.previous, "chain_id");
      Entry first = chain.entries.get(0);
      if (chain == oldest) {
        add(Severity.INFO, Kind.PARTIAL, fileNames.get(first.file), first.line, chain.id, 1,
            "chain " + chain.id + " continues chain " + missing + ", which is not among the files (older files)");
      } else {
        add(Severity.ERROR, Kind.DELETED, fileNames.get(first.file), first.line, chain.id, 1,
            "chain " + missing + ", which chain " + chain.id + " continues, is missing although older chains are present");
      }
    }
  }

  private void anchor(Map<String, Object> anchor) {
    String chainId = JsonLine.string(anchor, "checkpoint", "chain_id");
    long lastSeq = JsonLine.number(anchor, -1, "checkpoint", "last_seq");
    String head = JsonLine.string(anchor, "checkpoint", "head_hash");
    Chain chain = chains.get(chainId);
    if (chain == null) {
      add(Severity.ERROR, Kind.TRUNCATED, null, 0, chainId, lastSeq,
          "the anchored checkpoint's chain " + chainId + " is not in the files");
      return;
    }
    Entry covered = find(chain, lastSeq);
    if (covered == null) {
      Entry last = chain.lastEntry;
      add(Severity.ERROR, Kind.TRUNCATED, fileNames.get(last.file), last.line, chainId, last.seq, "chain " + chainId
          + " ends at seq " + last.seq + ", before the anchored checkpoint at seq " + lastSeq);
    } else if (!covered.hash.equals(head)) {
      add(Severity.ERROR, Kind.MODIFIED, fileNames.get(covered.file), covered.line, chainId, lastSeq,
          "the line differs from the one the anchored checkpoint covers: the chain was rewritten");
    }
  }

  private static String algorithm(String hash) {
    return hash.startsWith(LineHash.HMAC_SHA256) ? LineHash.HMAC_SHA256 : LineHash.SHA256;
  }

  private static Entry find(Chain chain, long seq) {
    List<Entry> entries = chain.entries;
    int lo = 0;
    int hi = entries.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long s = entries.get(mid).seq;
      if (s < seq) {
        lo = mid + 1;
      } else if (s > seq) {
        hi = mid - 1;
      } else {
        Entry e = entries.get(mid);
        return e.duplicate && mid + 1 < entries.size() && entries.get(mid + 1).seq == seq ? entries.get(mid + 1) : e;
      }
    }
    return null;
  }

  private void add(Severity severity, Kind kind, int file, long line, String chainId, long seq, String message) {
    add(severity, kind, fileNames.get(file), line, chainId, seq, message);
  }

  private void add(Severity severity, Kind kind, String file, long line, String chainId, long seq, String message) {
    findings.add(new Finding(severity, kind, file, line, chainId, seq, message));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  private static String eventType(byte[] b, int off, int len) {
    int at = off + LINE_START.length;
    if (len > LINE_START.length && startsWith(b, off, LINE_START)) { // where the agent always writes it
      for (int k = at; k < off + Math.min(len, 200); k++) {
        if (b[k] == '"') {
          return new String(b, at, k - at, StandardCharsets.US_ASCII);
        }
      }
    }
    return field(b, off, Math.min(len, 200), EVENT_TYPE);
  }

  private static boolean startsWith(byte[] b, int off, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (b[off + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A short string value near the start of the line. */
  private static String field(byte[] b, int off, int len, byte[] name) {
    int end = off + Math.min(len, 200);
    outer:
    for (int i = off; i + name.length < end; i++) {
      for (int j = 0; j < name.length; j++) {
        if (b[i + j] != name[j]) {
          continue outer;
        }
      }
      int from = i + name.length;
      for (int k = from; k < end; k++) {
        if (b[k] == '"') {
          return new String(b, from, k - from, StandardCharsets.UTF_8);
        }
      }
      return null;
    }
    return null;
  }

  private static boolean hexEquals(byte[] digest, String stated, int from) {
    if (stated.length() != from + 64) {
      return false;
    }
    for (int i = 0; i < 32; i++) {
      int hi = lowerHex(stated.charAt(from + 2 * i));
      int lo = lowerHex(stated.charAt(from + 2 * i + 1));
      if (hi < 0 || lo < 0 || (byte) (hi << 4 | lo) != digest[i]) {
        return false;
      }
    }
    return true;
  }

  /** The agent writes lower-case hex only: an upper-case digit is a changed byte. */
  private static int lowerHex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** One chain's lines, as read. */
  static final class Chain {
    final String id;
    final List<Entry> entries = new ArrayList<>();
    String last;
    int mac = -1;
    long minSeqSeen = Long.MAX_VALUE;
    String firstTimestamp;
    Map<String, Object> previous;
    Entry lastEntry;
    Entry lastCheckpoint;
    boolean duplicateReported;
    boolean cleanStop;

    Chain(String id) {
      this.id = id;
    }
  }

  /** One sealed line. */
  static final class Entry {
    final int file;
    final long line;
    final long seq;
    final String prev;
    final String hash;
    final String keyId;
    boolean valid;
    boolean duplicate;
    String type;
    Map<String, Object> event;

    Entry(int file, long line, long seq, String prev, String hash, String keyId) {
      this.file = file;
      this.line = line;
      this.seq = seq;
      this.prev = prev;
      this.hash = hash;
      this.keyId = keyId;
    }
  }
}

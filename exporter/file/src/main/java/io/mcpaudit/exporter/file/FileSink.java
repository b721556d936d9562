package io.mcpaudit.exporter.file;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.spi.BatchingSink;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Appends JSON lines to a local file, in batches (see {@link BatchingSink}); fsynced on close.
 *
 * <ul>
 *   <li>A failed write (disk full, I/O error) is cut back: the file is truncated to its last complete
 *       line, so it never holds half a line followed by the next event.
 *   <li>About once a second, before writing, it checks that the path still names the open file. When
 *       the file was deleted, or moved away by a log rotation that does not tell the writer, it opens
 *       the path afresh instead of writing on into an unlinked or renamed file.
 *   <li>With a size limit, the file is rotated at the end of a batch once it has reached it: renamed to {@code
 *       <name>-<UTC time>.jsonl} beside it, and a new file opened at the path. The exporter thread writes an
 *       integrity checkpoint as the old file's last line and a {@code rotated} lifecycle event as the new file's
 *       first, so the set verifies as one chain. Rotated files are never deleted here: retention is the
 *       operator's (and deleting the oldest files is visible to {@code verify} only as a trail that begins later).
 *   <li>A file that ends in a partial line (a crash of an earlier run mid-write, or a write that failed
 *       and could not be cut back) gets a newline before the next event.
 * </ul>
 *
 * <p>Writes go through a {@link FileOutputStream}, not a {@code FileChannel}: an interrupt of the writing
 * thread closes a channel (and every later write fails), while a stream write ignores it.
 */
public final class FileSink extends BatchingSink {
  private static final long CHECK_NANOS = 1_000_000_000L;

  private final Path path;
  private FileOutputStream out;
  private Object fileKey;
  /** Size of the file up to its last complete line written by this sink. */
  private long goodSize;
  private long lastCheckNanos;

  /** 0: never rotate (also after a rotation failed: a checkpoint per batch for a rename that keeps failing helps nobody). */
  private long maxBytes;

  public FileSink(Path path) throws IOException {
    this(path, 0);
  }

  /** @param maxBytes rotate once the file has this many bytes; 0 never */
  public FileSink(Path path, long maxBytes) throws IOException {
    this.maxBytes = Math.max(0, maxBytes);
    this.path = path.toAbsolutePath().normalize();
    Path parent = this.path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    open();
  }

  private void open() throws IOException {
    FileOutputStream opened = new FileOutputStream(path.toFile(), true);
    out = opened;
    fileKey = keyOf(path);
    lastCheckNanos = System.nanoTime();
    goodSize = regularFileSize();
    if (goodSize > 0 && !endsWithNewline(goodSize)) {
      opened.write('\n'); // an earlier run stopped inside a line
      goodSize++;
    }
    freshMedium();
  }

  /** The file's size, or 0 for a pipe or device. */
  private long regularFileSize() {
    try {
      return Files.isRegularFile(path) ? Files.size(path) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private boolean endsWithNewline(long size) {
    try (FileChannel read = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      return read.read(last, size - 1) == 1 && last.get(0) == '\n';
    } catch (IOException | RuntimeException e) {
      return true; // not a regular file (a pipe): nothing to repair
    }
  }

  @Override
  protected void beforeWrite() throws IOException {
    long now = System.nanoTime();
    if (now - lastCheckNanos < CHECK_NANOS && isOpen()) {
      return;
    }
    lastCheckNanos = now;
    boolean moved;
    try {
      moved = !Objects.equals(keyOf(path), fileKey);
    } catch (NoSuchFileException deleted) {
      moved = true;
    } catch (IOException cannotTell) {
      moved = false; // cannot look (a permission change on the directory): the open file still takes writes
    }
    if (moved || !isOpen()) {
      closeQuietly();
      if (moved) {
        AgentLog.info("audit file " + path + " was moved or deleted; writing to a new file at that path");
      }
      open();
    }
  }

  private boolean isOpen() {
    try {
      return out != null && out.getFD().valid();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  protected void writeOut(ByteBuffer lines) throws IOException {
    int bytes = lines.remaining();
    out.write(lines.array(), lines.arrayOffset() + lines.position(), bytes);
    lines.position(lines.limit());
    goodSize += bytes;
  }

  @Override
  protected boolean recover() {
    try {
      FileChannel channel = out.getChannel(); // shares the stream's descriptor; closing it is not wanted here
      channel.truncate(goodSize);
      return channel.size() == goodSize;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static Object keyOf(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  @Override
  public void close() {
    flush();
    try {
      if (out != null) {
        out.getFD().sync();
      }
    } catch (IOException | RuntimeException e) {
      // a pipe or device cannot be synced; a file that cannot is reported by the failed writes already
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // nothing left to release
    }
  }

  @Override
  public boolean rotationDue() {
    return maxBytes > 0 && goodSize >= maxBytes;
  }

  @Override
  public String rotate() {
    flush();
    String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    Path target = path.resolveSibling(base + "-" + stamp + ext);
    for (int i = 1; Files.exists(target); i++) {
      target = path.resolveSibling(base + "-" + stamp + "-" + i + ext);
    }
    try {
      out.getFD().sync();
      Files.move(path, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      closeQuietly();
      open();
      AgentLog.info("audit file rotated: " + path.getFileName() + " -> " + target.getFileName());
      return target.getFileName().toString();
    } catch (IOException | RuntimeException e) {
      maxBytes = 0;
      AgentLog.warn("could not rotate " + path + " (" + e.getClass().getSimpleName() + "); writing on into it, without"
          + " rotating, until the agent restarts");
      return null;
    }
  }

  @Override
  public Path trailFile() {
    return path;
  }

  @Override
  public String describe() {
    return "file " + path;
  }
}

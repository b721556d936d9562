package io.mcpaudit.exporter.journal;

import io.mcpaudit.bootstrap.AgentLog;
import io.mcpaudit.exporter.spi.ProducerResource;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Segments as files in the spool directory: {@code seg-<first line number, 20 digits>.jsonl} holding native
 * lines, {@code .meta} beside it naming the process that wrote them, and {@code cursor-<exporter>} per
 * remote exporter. The directory is locked ({@code spool.lock}) for as long as the journal is open, so two
 * live processes never share it; a process that starts after another one died takes its spool over and
 * sends what is left.
 *
 * <p>Appends go through a {@link FileOutputStream} (an interrupt cannot close it, as it would a channel)
 * and reach the operating system before the exporter thread goes on: a killed process loses nothing it had
 * appended. Readers use their own positional channels.
 */
final class DiskStore implements SegmentStore {
  private static final String PREFIX = "seg-";
  private static final String SUFFIX = ".jsonl";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DiskStore(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Opens (and creates) the spool directory; fails when another live process holds it. */
  static DiskStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    FileChannel channel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e instanceof IOException io ? io : new IOException(e);
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the spool directory " + dir + " is in use by another process");
    }
    return new DiskStore(dir, channel, lock);
  }

  /** A segment file and the channels open on it. */
  private static final class SegmentFile {
    final Path path;
    FileOutputStream out;
    volatile FileChannel reader;

    SegmentFile(Path path) {
      this.path = path;
    }
  }

  @Override
  public List<Segment> existing() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{20}" + SUFFIX)).sorted().toList();
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long firstSeq = firstSeqOf(file);
      long bytes = Files.size(file);
      long lines;
      if (i + 1 < files.size()) {
        lines = firstSeqOf(files.get(i + 1)) - firstSeq; // numbering says how many lines it holds
      } else {
        long[] counted = repairLast(file);
        lines = counted[0];
        bytes = counted[1];
      }
      segments.add(new Segment(firstSeq, readMeta(file), new SegmentFile(file), lines, bytes));
    }
    return segments;
  }

  /** Counts the lines of the newest segment and cuts away a partial last line (a crash mid-write). */
  private static long[] repairLast(Path file) throws IOException {
    long lines = 0;
    long lastNewline = -1;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      long position = 0;
      int read;
      byte previous = '\n'; // an empty line (the newline a failed write left) is not a line
      while ((read = channel.read(buffer, position)) > 0) {
        for (int i = 0; i < read; i++) {
          byte b = buffer.get(i);
          if (b == '\n') {
            lastNewline = position + i;
            if (previous != '\n') {
              lines++;
            }
          }
          previous = b;
        }
        position += read;
        buffer.clear();
      }
      long good = lastNewline + 1;
      if (good < channel.size()) {
        AgentLog.info("journal segment " + file.getFileName() + " ended inside a line (the process stopped mid-write);"
            + " cutting the partial line away");
        channel.truncate(good);
      }
      return new long[] {lines, good};
    }
  }

  private static long firstSeqOf(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
  }

  private Path fileFor(long firstSeq) {
    return dir.resolve(String.format("%s%020d%s", PREFIX, firstSeq, SUFFIX));
  }

  private static Path metaFor(Path segment) {
    String name = segment.getFileName().toString();
    return segment.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".meta");
  }

  private static ProducerResource readMeta(Path segment) {
    Path meta = metaFor(segment);
    if (!Files.exists(meta)) {
      return ProducerResource.UNKNOWN;
    }
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (IOException e) {
      return ProducerResource.UNKNOWN;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    properties.stringPropertyNames().stream().sorted().forEach(k -> attributes.put(k, properties.getProperty(k)));
    return new ProducerResource(attributes);
  }

  @Override
  public Segment create(long firstSeq, ProducerResource producer) throws IOException {
    Path file = fileFor(firstSeq);
    Properties meta = new Properties();
    producer.attributes().forEach(meta::setProperty);
    try (Writer out = Files.newBufferedWriter(metaFor(file), StandardCharsets.UTF_8)) {
      meta.store(out, "the process that wrote " + file.getFileName());
    }
    SegmentFile handle = new SegmentFile(file);
    handle.out = new FileOutputStream(file.toFile(), true);
    return new Segment(firstSeq, producer, handle, 0, Files.size(file));
  }

  @Override
  public void append(Segment segment, ByteBuffer bytes) throws IOException {
    SegmentFile file = (SegmentFile) segment.storage;
    if (file.out == null) {
      file.out = new FileOutputStream(file.path.toFile(), true);
    }
    file.out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    bytes.position(bytes.limit());
  }

  @Override
  public boolean truncate(Segment segment, long size) {
    SegmentFile file = (SegmentFile) segment.storage;
    try {
      FileChannel channel = file.out.getChannel();
      channel.truncate(size);
      return channel.size() == size;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public int read(Segment segment, long position, byte[] into, int offset, int length) throws IOException {
    SegmentFile file = (SegmentFile) segment.storage;
    for (int attempt = 0; ; attempt++) {
      FileChannel channel = file.reader;
      if (channel == null || !channel.isOpen()) {
        channel = FileChannel.open(file.path, StandardOpenOption.READ);
        file.reader = channel;
      }
      try {
        int read = channel.read(ByteBuffer.wrap(into, offset, length), position);
        return Math.max(read, 0);
      } catch (ClosedChannelException interrupted) {
        if (attempt > 0) {
          throw interrupted; // an interrupt closed it twice: the reader is being stopped
        }
      }
    }
  }

  @Override
  public void seal(Segment segment) {
    SegmentFile file = (SegmentFile) segment.storage;
    try {
      if (file.out != null) {
        file.out.close();
        file.out = null;
      }
    } catch (IOException ignored) {
      // everything was written; closing only releases the descriptor
    }
  }

  @Override
  public void delete(Segment segment) {
    SegmentFile file = (SegmentFile) segment.storage;
    seal(segment);
    try {
      FileChannel reader = file.reader;
      if (reader != null) {
        reader.close();
      }
      Files.deleteIfExists(file.path);
      Files.deleteIfExists(metaFor(file.path));
    } catch (IOException e) {
      AgentLog.warnOnce("journal-delete", "could not delete journal segment " + file.path + ": " + e);
    }
  }

  @Override
  public Cursor loadCursor(String reader) {
    Path file = dir.resolve("cursor-" + reader);
    try {
      return Files.exists(file) ? Cursor.decode(Files.readString(file, StandardCharsets.UTF_8)) : null;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void saveCursor(String reader, Cursor cursor) throws IOException {
    Path file = dir.resolve("cursor-" + reader);
    Path temp = dir.resolve("cursor-" + reader + ".tmp");
    Files.writeString(temp, cursor.encode(), StandardCharsets.UTF_8);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public Path quarantineDir() {
    return dir.resolve("quarantine");
  }

  @Override
  public String describe() {
    return "spool directory " + dir;
  }

  @Override
  public void close() {
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException ignored) {
      // the process is ending; the lock goes with it
    }
  }
}

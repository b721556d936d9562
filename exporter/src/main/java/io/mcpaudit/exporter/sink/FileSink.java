package io.mcpaudit.exporter.sink;

import io.mcpaudit.bootstrap.AgentLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends JSON lines to a local file; flushed at the end of every batch, fsynced on close. */
public final class FileSink extends StreamSink {
  private final Path path;
  private final FileOutputStream file;

  public FileSink(Path path) throws IOException {
    this(path.toAbsolutePath().normalize(), open(path.toAbsolutePath().normalize()));
  }

  private FileSink(Path path, FileOutputStream file) {
    super(file);
    this.path = path;
    this.file = file;
  }

  private static FileOutputStream open(Path path) throws IOException {
    Path parent = path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new FileOutputStream(path.toFile(), true);
  }

  @Override
  public void close() {
    try {
      out.flush();
      file.getChannel().force(true);
    } catch (IOException e) {
      AgentLog.error("could not flush the audit file " + path, e);
    } finally {
      try {
        out.close();
      } catch (IOException ignored) {
        // already reported
      }
    }
  }

  @Override
  public String describe() {
    return "file " + path;
  }
}

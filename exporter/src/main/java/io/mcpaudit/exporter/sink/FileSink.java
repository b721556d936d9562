package io.mcpaudit.exporter.sink;

import io.mcpaudit.bootstrap.AgentLog;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends JSON lines to a local file; flushed at the end of every batch, fsynced on close. */
public final class FileSink implements AuditSink {
  private final Path path;
  private final FileOutputStream file;
  private final BufferedOutputStream out;

  public FileSink(Path path) throws IOException {
    this.path = path.toAbsolutePath().normalize();
    Path parent = this.path.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.file = new FileOutputStream(this.path.toFile(), true);
    this.out = new BufferedOutputStream(file, 64 * 1024);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  @Override
  public void flush() throws IOException {
    out.flush();
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

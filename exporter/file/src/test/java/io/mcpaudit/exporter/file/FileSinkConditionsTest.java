package io.mcpaudit.exporter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file sink under real file-system conditions: a deleted and a rotated file, a full file system and a
 * read-only one (small tmpfs mounts, made by the test when it may mount; skipped, saying why, otherwise),
 * and a file an earlier run left ending inside a line. Every line in the file stays one complete line,
 * and what could not be written is counted.
 */
class FileSinkConditionsTest {
  @TempDir
  Path dir;
  private Path mount;

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", "-l", mount.toString());
    }
  }

  private static byte[] line(int n) {
    return ("{\"n\":" + n + ",\"pad\":\"" + "x".repeat(200) + "\"}\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void write(FileSink sink, int from, int to) {
    for (int i = from; i < to; i++) {
      byte[] bytes = line(i);
      sink.append(bytes, 0, bytes.length, true);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  private static void assertWholeLines(Path file) throws IOException {
    assertThat(lines(file)).allSatisfy(l -> assertThat(l).matches("\\{\"n\":\\d+,\"pad\":\"x{200}\"}"));
  }

  @Test
  void aDeletedFileIsCreatedAgainAndLaterEventsLandThere() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    FileSink sink = new FileSink(file);
    write(sink, 0, 3);
    assertThat(sink.flush()).isTrue();
    Files.delete(file);
    Thread.sleep(1_100); // the sink checks the path about once a second
    write(sink, 3, 5);
    assertThat(sink.flush()).isTrue();
    sink.close();
    assertThat(lines(file)).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\{\"n\":[34],.*"));
    assertThat(sink.activityWritten()).isEqualTo(5);
  }

  @Test
  void aRotatedFileIsLeftBehindAndTheSinkStartsAFreshOne() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    FileSink sink = new FileSink(file);
    write(sink, 0, 2);
    sink.flush();
    Path rotated = dir.resolve("audit.jsonl.1");
    Files.move(file, rotated); // a log rotation that does not tell the writer
    Thread.sleep(1_100);
    write(sink, 2, 4);
    sink.flush();
    sink.close();
    assertThat(lines(rotated)).hasSize(2);
    assertThat(lines(file)).hasSize(2);
    assertWholeLines(file);
  }

  @Test
  void aFileEndingInsideALineGetsANewlineFirst() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"n\":0,\"pad\":\"" + "x".repeat(200) + "\"}\n{\"n\":1,\"pa"); // an earlier run died mid-line
    FileSink sink = new FileSink(file);
    write(sink, 2, 3);
    sink.flush();
    sink.close();
    List<String> lines = lines(file);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).isEqualTo("{\"n\":1,\"pa");
    assertThat(lines.get(2)).startsWith("{\"n\":2,");
  }

  @Test
  void aFullFileSystemLosesWholeBatchesCountedAndNeverWritesHalfALine() throws Exception {
    mountTmpfs("size=64k");
    Path filler = mount.resolve("filler");
    Files.write(filler, new byte[40 * 1024]);
    Path file = mount.resolve("audit.jsonl");
    FileSink sink = new FileSink(file);
    int accepted = 0;
    int failedFlushes = 0;
    for (int batch = 0; batch < 20; batch++) {
      write(sink, accepted, accepted + 10);
      accepted += 10;
      if (!sink.flush()) {
        failedFlushes++;
      }
    }
    assertThat(failedFlushes).as("the file system filled up").isPositive();
    assertThat(sink.activityWritten() + sink.activityLost()).isEqualTo(accepted);
    assertThat(sink.takeLost().events()).isEqualTo(sink.activityLost());
    assertWholeLines(file);
    assertThat(lines(file)).hasSize((int) sink.activityWritten());

    Files.delete(filler); // space again: writing resumes
    write(sink, accepted, accepted + 10);
    assertThat(sink.flush()).isTrue();
    sink.close();
    assertWholeLines(file);
    assertThat(lines(file)).hasSize((int) sink.activityWritten());
  }

  /**
   * A directory nothing may be created in (made immutable with {@code chattr +i}, which binds root too): a
   * sink cannot start there, and a sink whose file was deleted loses, counted, what it cannot write until
   * the directory is writable again.
   */
  @Test
  void aReadOnlyDirectoryIsAClearErrorAtStartAndCountedLossLater() throws Exception {
    Path locked = Files.createDirectories(dir.resolve("locked"));
    assumeTrue(run("chattr", "+i", locked.toString()) == 0, "chattr +i is not available on this file system");
    try {
      assertThatThrownBy(() -> new FileSink(locked.resolve("audit.jsonl"))).isInstanceOf(IOException.class)
          .hasMessageContaining("audit.jsonl");
    } finally {
      run("chattr", "-i", locked.toString());
    }

    Path file = locked.resolve("audit.jsonl");
    FileSink sink = new FileSink(file);
    write(sink, 0, 3);
    assertThat(sink.flush()).isTrue();
    Files.delete(file);
    assertThat(run("chattr", "+i", locked.toString())).isZero();
    try {
      Thread.sleep(1_100);
      write(sink, 3, 6);
      assertThat(sink.flush()).as("the file cannot be created again").isFalse();
      write(sink, 6, 8);
      assertThat(sink.flush()).isFalse();
    } finally {
      run("chattr", "-i", locked.toString());
    }
    write(sink, 8, 10);
    assertThat(sink.flush()).isTrue();
    sink.close();
    assertThat(sink.activityLost()).isEqualTo(5);
    assertThat(sink.activityWritten()).isEqualTo(5);
    assertThat(lines(file)).hasSize(2).allSatisfy(l -> assertThat(l).matches("\\{\"n\":[89],.*"));
  }

  private void mountTmpfs(String options) throws Exception {
    Path target = Files.createDirectories(dir.resolve("mnt"));
    int exit = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", target.toString());
    assumeTrue(exit == 0, "this test mounts a small tmpfs and may not here (not root, or no mount permission)");
    mount = target;
  }

  private static int run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException notInstalled) {
      return -1;
    }
  }
}

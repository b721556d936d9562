package io.mcpaudit.benchmarks.load;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts the sample MCP server, set up one way or another, on one transport. */
final class ServerCommand {
  private ServerCommand() {}

  static List<String> of(Setup setup, Setup.Paths paths, Path workDir, String transport, boolean pinned)
      throws IOException {
    Files.createDirectories(workDir);
    Path module = paths.serverModule();
    String classPath = module.resolve("classes") + File.pathSeparator
        + Files.readString(module.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
    List<String> command = new ArrayList<>(Pinning.serverPrefix(pinned));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Pinning.serverJvmArgs(pinned));
    command.addAll(setup.jvmArgs(paths, workDir));
    String extra = System.getProperty("load.serverJvmArgs", "").trim(); // e.g. a profiler, see docs/PERFORMANCE.md
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-cp", classPath, setup.mainClass, transport));
    if (!transport.equals("stdio")) {
      command.add("0");
    }
    return command;
  }
}

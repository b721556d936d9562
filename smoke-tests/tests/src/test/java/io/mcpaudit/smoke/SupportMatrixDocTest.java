package io.mcpaudit.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's support matrix says exactly what the smoke tests run: a ✓ for every (stack, transport)
 * the transport matrix exercises on every build, and for nothing else. Adding a combination to one
 * without the other fails the build.
 */
class SupportMatrixDocTest {
  private static final List<String> COLUMNS = List.of("stdio", "sse", "streamable", "stateless");

  @Test
  void readmeMatrixIsExactlyWhatTheTransportMatrixRuns() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of(System.getProperty("readme.path")), StandardCharsets.UTF_8)) {
      if (!line.startsWith("| ")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      for (SampleApp app : SampleApp.values()) {
        if (app.readmeRow != null && cells.length == COLUMNS.size() + 3 && cells[1].trim().equals(app.readmeRow)) {
          for (int i = 0; i < COLUMNS.size(); i++) {
            if (cells[i + 2].trim().equals("✓")) {
              documented.add(app + " " + COLUMNS.get(i));
            }
          }
        }
      }
    }
    Set<String> tested = TransportMatrixTest.matrix()
        .map(arguments -> arguments.get()[0] + " " + arguments.get()[1])
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(tested).hasSizeGreaterThanOrEqualTo(52);
    assertThat(documented).as("README support matrix").isEqualTo(tested);
  }
}

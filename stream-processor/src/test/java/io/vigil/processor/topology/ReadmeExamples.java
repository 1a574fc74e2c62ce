package io.vigil.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Examples of the repository's README.md, read verbatim so a test runs what users copy. */
final class ReadmeExamples {
  private static final Path README = Path.of("..", "README.md");
  private static final String PRODUCER = "kafka-console-producer --topic detector-config";

  private ReadmeExamples() {}

  /**
   * The records of the README's {@code detector-config} producer example ({@code pattern|json}
   * lines), by pattern, in order.
   */
  static Map<String, String> detectorConfigs() {
    return detectorConfigs(0);
  }

  /** The records of the README's {@code n}-th (from 0) {@code detector-config} producer example. */
  static Map<String, String> detectorConfigs(int n) {
    List<String> lines = readme();
    // By position: the producer lines of the examples are identical.
    int start =
        IntStream.range(0, lines.size())
            .filter(i -> lines.get(i).startsWith(PRODUCER))
            .skip(n)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "README has no '" + PRODUCER + "' block number " + n));
    Map<String, String> records = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("```")) {
        break;
      }
      int bar = line.indexOf('|');
      records.put(line.substring(0, bar), line.substring(bar + 1));
    }
    return records;
  }

  private static List<String> readme() {
    try {
      return Files.readAllLines(README);
    } catch (IOException e) {
      throw new UncheckedIOException("the tests run in a module directory of the repository", e);
    }
  }
}

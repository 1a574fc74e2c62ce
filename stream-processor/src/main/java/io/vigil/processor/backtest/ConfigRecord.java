package io.vigil.processor.backtest;

import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.event.ParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A record of the detector-config topic: key pattern, JSON value (null: the pattern removed). */
public record ConfigRecord(String pattern, byte[] value) {

  /**
   * A candidate config file: one detector config per line (the JSON of a {@code detector-config}
   * record; blank lines and lines starting with {@code #} skipped), each validated like the
   * processor does.
   *
   * @throws IllegalArgumentException naming the file, line and reason of the first invalid one
   */
  public static List<ConfigRecord> readFile(Path file) throws IOException {
    DetectorConfigParser parser = new DetectorConfigParser();
    List<ConfigRecord> records = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      ParseResult<DetectorConfig> parsed = parser.parse(bytes);
      if (parsed instanceof ParseResult.Rejected<DetectorConfig> rejected) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": " + rejected.rejection().reason());
      }
      records.add(
          new ConfigRecord(
              ((ParseResult.Accepted<DetectorConfig>) parsed).value().pattern(), bytes));
    }
    if (records.isEmpty()) {
      throw new IllegalArgumentException(file + ": no detector config in it");
    }
    return List.copyOf(records);
  }
}

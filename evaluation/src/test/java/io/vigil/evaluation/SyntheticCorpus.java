package io.vigil.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/** A small NAB-style corpus on disk: noisy series, some with a labelled level shift. */
final class SyntheticCorpus {
  static final int ROWS = 600;
  static final int SHIFT_AT = 400;
  private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private SyntheticCorpus() {}

  static Path write(Path root) throws IOException {
    Files.createDirectories(root.resolve("config"));
    Files.writeString(
        root.resolve("config/profiles.json"),
        """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11}}}
        """);
    series(root, "synthetic/shift_a.csv", 1L, 10.0);
    series(root, "synthetic/shift_b.csv", 2L, 25.0);
    series(root, "quiet/noise.csv", 3L, 0.0);
    Files.createDirectories(root.resolve("labels"));
    String window =
        "[[\"" + time(SHIFT_AT - 10) + ".000000\", \"" + time(SHIFT_AT + 30) + ".000000\"]]";
    Files.writeString(
        root.resolve("labels/combined_windows.json"),
        "{\"synthetic/shift_a.csv\": "
            + window
            + ", \"synthetic/shift_b.csv\": "
            + window
            + ", \"quiet/noise.csv\": []}");
    return root;
  }

  private static void series(Path root, String file, long seed, double shift) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < ROWS; i++) {
      double value = 100.0 + random.nextGaussian() + (i >= SHIFT_AT ? shift : 0.0);
      csv.append(time(i)).append(',').append(value).append('\n');
    }
    Path path = root.resolve("data").resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, csv);
  }

  private static String time(int row) {
    return FORMAT.format(T0.plusMinutes(5L * row));
  }
}

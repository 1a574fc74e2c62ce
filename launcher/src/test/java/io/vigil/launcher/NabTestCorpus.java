package io.vigil.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

/** Small NAB-format corpora written into a test's folder. */
final class NabTestCorpus {
  private NabTestCorpus() {}

  /** One file, flat/step.csv: 200 minutes of a small cycle, then a step to 50 at minute 150. */
  static Path step(Path dir) throws IOException {
    Path corpus = skeleton(dir);
    Files.writeString(
        corpus.resolve("labels/combined_windows.json"),
        "{\"flat/step.csv\": [[\"2020-01-01 02:30:00.000000\", \"2020-01-01 03:00:00.000000\"]]}");
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int minute = 0; minute < 200; minute++) {
      csv.append(
          String.format(
              "2020-01-01 %02d:%02d:00,%d%n",
              minute / 60, minute % 60, minute < 150 ? minute % 3 : 50));
    }
    Files.writeString(corpus.resolve("data/flat/step.csv"), csv);
    return corpus;
  }

  /**
   * Two noisy daily-seasonal files of {@code rows} five-minute rows, each with one spike and a
   * label window around it.
   */
  static Path seasonal(Path dir, int rows) throws IOException {
    Path corpus = skeleton(dir);
    Files.writeString(
        corpus.resolve("labels/combined_windows.json"),
        "{" + seasonalFiles(corpus, "seasonal", rows, 17) + "}");
    return corpus;
  }

  /**
   * Three categories of two seasonal files each (as {@link #seasonal}, other seeds), for what needs
   * several categories, e.g. cross-validation.
   */
  static Path categories(Path dir, int rows) throws IOException {
    Path corpus = skeleton(dir);
    StringJoiner labels = new StringJoiner(",", "{", "}");
    int seed = 17;
    for (String category : new String[] {"alpha", "beta", "gamma"}) {
      labels.add(seasonalFiles(corpus, category, rows, seed));
      seed += 2;
    }
    Files.writeString(corpus.resolve("labels/combined_windows.json"), labels.toString());
    return corpus;
  }

  /** Writes {@code <category>/series_0.csv} and {@code _1}; returns their label entries. */
  private static String seasonalFiles(Path corpus, String category, int rows, int seed)
      throws IOException {
    Files.createDirectories(corpus.resolve("data").resolve(category));
    StringJoiner labels = new StringJoiner(",");
    for (int file = 0; file < 2; file++) {
      String name = category + "/series_" + file + ".csv";
      Random random = new Random(seed + file);
      int spike = rows * 3 / 4 + file * 10;
      StringBuilder csv = new StringBuilder("timestamp,value\n");
      for (int i = 0; i < rows; i++) {
        double value = 100 + 20 * Math.sin(2 * Math.PI * i / 288.0) + 3 * random.nextGaussian();
        csv.append(time(i))
            .append(',')
            .append(String.format(Locale.ROOT, "%.4f", i == spike ? value + 60 : value))
            .append('\n');
      }
      Files.writeString(corpus.resolve("data").resolve(name), csv);
      labels.add(
          "\""
              + name
              + "\": [[\""
              + time(spike - 5)
              + ".000000\", \""
              + time(spike + 5)
              + ".000000\"]]");
    }
    return labels.toString();
  }

  private static String time(int row) {
    return java.time.LocalDateTime.of(2015, 3, 1, 0, 0)
        .plusMinutes(5L * row)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
  }

  private static Path skeleton(Path dir) throws IOException {
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus.resolve("config"));
    Files.createDirectories(corpus.resolve("labels"));
    Files.createDirectories(corpus.resolve("data/flat"));
    Files.writeString(
        corpus.resolve("config/profiles.json"),
        """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11}}}
        """);
    return corpus;
  }
}

package io.vigil.evaluation.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * NAB result files: {@code <results>/<detector>/<category>/<detector>_<name>.csv} with the columns
 * {@code timestamp,value,anomaly_score,label}.
 */
public final class ResultFiles {
  private static final String HEADER = "timestamp,value,anomaly_score,label";

  private ResultFiles() {}

  /** Where the result of {@code relativePath} ({@code <category>/<name>.csv}) lives. */
  public static Path path(Path resultsRoot, String detector, String relativePath) {
    Path data = Path.of(relativePath);
    Path category = data.getParent();
    String name = detector + "_" + data.getFileName();
    Path dir = resultsRoot.resolve(detector);
    return category == null ? dir.resolve(name) : dir.resolve(category).resolve(name);
  }

  /** Reads the result files of {@code detector} for every data file of {@code corpus}. */
  public static List<ScoredSeries> read(Corpus corpus, Path resultsRoot, String detector) {
    List<ScoredSeries> results = new ArrayList<>();
    for (String file : corpus.files()) {
      Path path = path(resultsRoot, detector, file);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("missing result file " + path);
      }
      List<LocalDateTime> timestamps = new ArrayList<>();
      List<String[]> rows = Csv.read(path, "timestamp", "value", "anomaly_score");
      double[] scores = new double[rows.size()];
      for (int i = 0; i < scores.length; i++) {
        timestamps.add(NabTime.parse(rows.get(i)[0]));
        scores[i] = Csv.number(rows.get(i)[2], path);
      }
      results.add(new ScoredSeries(file, timestamps, scores));
    }
    return List.copyOf(results);
  }

  /** Writes one result file; the label is 1 inside a window, else 0, as in NAB's results. */
  public static Path write(
      Path resultsRoot,
      String detector,
      Series series,
      double[] scores,
      List<LabelWindow> windows) {
    if (scores.length != series.size()) {
      throw new IllegalArgumentException(series.relativePath() + ": one score per row needed");
    }
    Path path = path(resultsRoot, detector, series.relativePath());
    try {
      Files.createDirectories(path.getParent());
      try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
        out.write(HEADER);
        out.newLine();
        for (int i = 0; i < scores.length; i++) {
          LocalDateTime time = series.timestamps().get(i);
          boolean inWindow = windows.stream().anyMatch(w -> w.contains(time));
          out.write(
              NabTime.format(time)
                  + ','
                  + number(series.values().get(i))
                  + ','
                  + scores[i]
                  + ','
                  + (inWindow ? 1 : 0));
          out.newLine();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    return path;
  }

  /** Integral values as NAB's data files write them ({@code 10844}, not {@code 10844.0}). */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}

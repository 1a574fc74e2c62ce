package io.vigil.evaluation;

import io.vigil.evaluation.StreamingScorer.SeriesScorer;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ResultFiles;
import io.vigil.evaluation.nab.ScoredSeries;
import io.vigil.evaluation.nab.Series;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one detector configuration over every file of a NAB corpus, writes the result files and
 * scores them.
 */
public final class NabRunner {
  private final Clock clock;

  public NabRunner(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Streams each data file of {@code corpus}, row by row, through a fresh series of {@code scorer},
   * writes {@code <resultsDir>/<detector>/<category>/<detector>_<name>.csv} and scores the corpus.
   */
  public NabRun run(Corpus corpus, StreamingScorer scorer, Path resultsDir) {
    return run(
        corpus,
        scorer.name(),
        scorer.configuration(),
        (file, series) -> stream(series, scorer.newSeries()),
        resultsDir);
  }

  /** Where the scores of a series come from: one per row, in row order. */
  @FunctionalInterface
  public interface SeriesScores {
    double[] of(String file, Series series);
  }

  /**
   * Like {@link #run(Corpus, StreamingScorer, Path)} with scores computed elsewhere, e.g. read back
   * from the pipeline's scores topic.
   *
   * @throws IllegalArgumentException if a file's scores do not match its rows
   */
  public NabRun run(
      Corpus corpus,
      String detector,
      String configuration,
      SeriesScores scoresOf,
      Path resultsDir) {
    Instant started = clock.instant();
    Map<String, String> configurations = new LinkedHashMap<>();
    List<ScoredSeries> results = new ArrayList<>();
    long rows = 0;
    for (String file : corpus.files()) {
      Series series = corpus.series(file);
      configurations.put(file, configuration);
      double[] scores = scoresOf.of(file, series);
      if (scores.length != series.size()) {
        throw new IllegalArgumentException(
            file + ": " + scores.length + " scores for " + series.size() + " rows");
      }
      ResultFiles.write(resultsDir, detector, series, scores, corpus.windowsOf(file));
      results.add(new ScoredSeries(file, series.timestamps(), scores));
      rows += scores.length;
    }
    return new NabRun(
        detector,
        configurations,
        results,
        NabScorer.score(corpus, results),
        resultsDir,
        rows,
        Duration.between(started, clock.instant()));
  }

  /** NAB timestamps carry no zone; they are read as UTC, which only fixes their order. */
  private static double[] stream(Series series, SeriesScorer scorer) {
    double[] scores = new double[series.size()];
    for (int i = 0; i < scores.length; i++) {
      LocalDateTime time = series.timestamps().get(i);
      scores[i] = scorer.score(time.toInstant(ZoneOffset.UTC), series.values().get(i));
    }
    return scores;
  }
}

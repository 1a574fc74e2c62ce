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
    Instant started = clock.instant();
    Map<String, String> configurations = new LinkedHashMap<>();
    List<ScoredSeries> results = new ArrayList<>();
    long rows = 0;
    for (String file : corpus.files()) {
      Series series = corpus.series(file);
      configurations.put(file, scorer.configuration());
      double[] scores = stream(series, scorer.newSeries());
      ResultFiles.write(resultsDir, scorer.name(), series, scores, corpus.windowsOf(file));
      results.add(new ScoredSeries(file, series.timestamps(), scores));
      rows += scores.length;
    }
    return new NabRun(
        scorer.name(),
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

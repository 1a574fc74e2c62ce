package io.vigil.evaluation;

import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ScoredSeries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of running a detector over a NAB corpus.
 *
 * @param detector detector name
 * @param configurations per data file, the configuration it was scored with (NAB requires one for
 *     all)
 * @param results the scores written, one per data file
 * @param scores per profile, the NAB score at the corpus-wide best threshold
 * @param resultsDir where the result files were written ({@code <dir>/<detector>/...})
 * @param rows rows scored over the corpus
 * @param elapsed wall time of the run, scoring included
 */
public record NabRun(
    String detector,
    Map<String, String> configurations,
    List<ScoredSeries> results,
    List<ProfileScore> scores,
    Path resultsDir,
    long rows,
    Duration elapsed) {

  public NabRun {
    configurations = Collections.unmodifiableMap(new TreeMap<>(configurations));
    results = List.copyOf(results);
    scores = List.copyOf(scores);
  }
}

package io.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ResultFiles;
import io.vigil.evaluation.nab.ScoredSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabRunnerTest {
  private final NabRunner runner =
      new NabRunner(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void shouldGiveTheSameFiguresOnEveryRun(@TempDir Path dir) throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun first =
        runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir.resolve("a"));
    NabRun second =
        runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir.resolve("b"));
    assertThat(second.scores()).isEqualTo(first.scores());
    assertThat(first.scores()).extracting(ProfileScore::windows).containsOnly(2);
    assertThat(first.scores().get(0).detectedWindows()).isEqualTo(2);
    assertThat(first.scores().get(0).normalised()).isGreaterThan(50.0);
  }

  @Test
  void shouldScoreEveryFileWithOneConfiguration(@TempDir Path dir) throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun run = runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir);
    assertThat(run.configurations()).containsOnlyKeys(corpus.files());
    assertThat(new HashSet<>(run.configurations().values()))
        .containsExactly(DetectorScorer.ewma(EwmaParameters.defaults()).configuration());
  }

  @Test
  void shouldWriteNabResultFilesThatScoreLikeTheRun(@TempDir Path dir) throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun run = runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir);
    Path file = ResultFiles.path(dir, "ewma", "synthetic/shift_a.csv");
    assertThat(file).hasFileName("ewma_shift_a.csv");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(SyntheticCorpus.ROWS + 1);
    assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,label");
    assertThat(lines.get(SyntheticCorpus.SHIFT_AT + 1)).endsWith(",1");
    assertThat(lines.get(1)).endsWith(",0");
    List<ScoredSeries> read = ResultFiles.read(corpus, dir, "ewma");
    assertThat(io.vigil.evaluation.nab.NabScorer.score(corpus, read)).isEqualTo(run.scores());
  }

  @Test
  void shouldScoreZeroDuringWarmUpAndNeverLookAhead(@TempDir Path dir) throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun run = runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir);
    ScoredSeries shifted = run.results().get(1);
    assertThat(shifted.relativePath()).isEqualTo("synthetic/shift_a.csv");
    double[] scores = shifted.scores();
    for (int i = 0; i < EwmaParameters.DEFAULT_WARMUP; i++) {
      assertThat(scores[i]).isZero();
    }
    // The prefix before the shift scores the same when the series stops there.
    StreamingScorer.SeriesScorer prefix =
        DetectorScorer.ewma(EwmaParameters.defaults()).newSeries();
    var series = corpus.series("synthetic/shift_a.csv");
    for (int i = 0; i < SyntheticCorpus.SHIFT_AT; i++) {
      double score =
          prefix.score(
              series.timestamps().get(i).toInstant(ZoneOffset.UTC), series.values().get(i));
      assertThat(score).isEqualTo(scores[i]);
    }
  }
}

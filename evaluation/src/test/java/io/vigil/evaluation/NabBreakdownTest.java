package io.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.ProfileScore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabBreakdownTest {
  private final NabRunner runner =
      new NabRunner(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void shouldSplitTheRunsScoreIntoCategoriesAtTheCorpusWideThresholds(@TempDir Path dir)
      throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun run = runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir);

    NabBreakdown breakdown = NabBreakdown.of(corpus, run);

    assertThat(breakdown.categories())
        .extracting(NabBreakdown.Part::name)
        .containsExactly("quiet", "synthetic");
    assertThat(breakdown.categories())
        .extracting(NabBreakdown.Part::fileCount)
        .containsExactly(1, 2);
    for (ProfileScore overall : run.scores()) {
      List<ProfileScore> parts =
          breakdown.categories().stream().map(part -> part.of(overall.profile())).toList();
      assertThat(parts).extracting(ProfileScore::threshold).containsOnly(overall.threshold());
      ProfileScore sum = ProfileScore.sum(parts);
      assertThat(sum.raw()).isCloseTo(overall.raw(), within(1e-9));
      assertThat(sum.nullScore()).isEqualTo(overall.nullScore());
      assertThat(sum.perfect()).isEqualTo(overall.perfect());
      assertThat(sum.detectedWindows()).isEqualTo(overall.detectedWindows());
      assertThat(sum.falsePositives()).isEqualTo(overall.falsePositives());
    }
    ProfileScore quiet = breakdown.categories().get(0).scores().get(0);
    assertThat(quiet.windows()).isZero();
    assertThat(quiet.normalised()).isNaN();
    assertThat(quiet.nullScore()).isEqualTo(0.0); // not -0.0, which prints as "-0.000"
    ProfileScore synthetic = breakdown.categories().get(1).scores().get(0);
    assertThat(synthetic.normalised())
        .isCloseTo(100.0 * (synthetic.raw() + 2.0) / 4.0, within(1e-9)); // null -2, perfect 2
  }

  @Test
  void shouldCountEachFilesWindowsAndFalsePositivesAtTheStandardThreshold(@TempDir Path dir)
      throws IOException {
    Corpus corpus = Corpus.open(SyntheticCorpus.write(dir.resolve("corpus")));
    NabRun run = runner.run(corpus, DetectorScorer.ewma(EwmaParameters.defaults()), dir);
    CostProfile standard = NabBreakdown.countedProfile(corpus);

    NabBreakdown breakdown = NabBreakdown.of(corpus, run);

    assertThat(standard.name()).isEqualTo("standard");
    assertThat(breakdown.files())
        .extracting(NabBreakdown.Part::name)
        .containsExactlyElementsOf(corpus.files());
    ProfileScore overall = run.scores().get(0);
    List<ProfileScore> files = breakdown.files().stream().map(f -> f.of(standard)).toList();
    assertThat(files.stream().mapToInt(ProfileScore::detectedWindows).sum())
        .isEqualTo(overall.detectedWindows());
    assertThat(files.stream().mapToInt(ProfileScore::falsePositives).sum())
        .isEqualTo(overall.falsePositives());
    assertThat(files).extracting(ProfileScore::windows).containsExactly(0, 1, 1);
  }
}

package io.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scorer reproduces NAB's published figures for the two reference detectors' outputs. */
class ReferenceResultsTest {
  private static Path root;
  private static Corpus corpus;

  @BeforeAll
  static void openCorpus() {
    // The corpus lives outside the repository; without it this check cannot run at all, which is
    // reported as skipped (with the reason), never as passed.
    root = SharedNab.find().orElse(null);
    Assumptions.assumeTrue(root != null, SharedNab.NOT_FOUND);
    corpus = Corpus.open(root);
  }

  @Test
  void shouldReproduceNumentaHtmFigures() {
    assertNormalised("numenta", 66.59, 60.81, 71.06);
  }

  @Test
  void shouldReproduceWindowedGaussianFigures() {
    assertNormalised("windowedGaussian", 21.97, 4.87, 29.80);
  }

  private static void assertNormalised(
      String detector, double standard, double lowFp, double lowFn) {
    List<ProfileScore> scores =
        NabScorer.score(corpus, ResultFiles.read(corpus, root.resolve("results"), detector));
    assertThat(scores)
        .extracting(score -> score.profile().name())
        .containsExactly("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    assertThat(scores.get(0).normalised()).isCloseTo(standard, within(0.01));
    assertThat(scores.get(1).normalised()).isCloseTo(lowFp, within(0.01));
    assertThat(scores.get(2).normalised()).isCloseTo(lowFn, within(0.01));
    // NAB counts the windows with rows after probation: all 55 of the subset.
    assertThat(scores).allSatisfy(score -> assertThat(score.windows()).isEqualTo(55));
  }
}

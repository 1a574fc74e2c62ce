package io.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.LabelWindow;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ScoredSeries;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
  private static final int ROWS = 100;
  private static final List<CostProfile> PROFILES =
      List.of(
          new CostProfile("standard", 1.0, 0.11, 1.0),
          new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0));
  private static final LabelWindow WINDOW = new LabelWindow(T0.plusMinutes(40), T0.plusMinutes(49));
  private final Corpus corpus =
      new Corpus(
          Path.of("unused"),
          Map.of(
              "a/late.csv", List.of(WINDOW),
              "b/sharp.csv", List.of(WINDOW),
              "c/sharp.csv", List.of(WINDOW)),
          PROFILES);

  /**
   * Category a finds its window only at 0.6 and has three false positives at 0.9, so its own best
   * threshold is 0.6; b and c find theirs at 0.95 and have twenty false positives at 0.6, so the
   * threshold fitted without a is 0.95, at which a misses its window.
   */
  private static List<ScoredSeries> results(double[] a) {
    double[] sharp = new double[ROWS];
    sharp[40] = 0.95;
    for (int i = 60; i < 80; i++) {
      sharp[i] = 0.6;
    }
    return List.of(
        series("a/late.csv", a), series("b/sharp.csv", sharp), series("c/sharp.csv", sharp));
  }

  private static double[] late() {
    double[] a = new double[ROWS];
    a[20] = 0.9;
    a[25] = 0.9;
    a[30] = 0.9;
    a[40] = 0.6;
    return a;
  }

  @Test
  void shouldScoreAHeldOutCategoryAtTheThresholdFittedOnTheOthers() {
    CrossValidation validation = CrossValidation.of(corpus, results(late()));

    CrossValidation.Fold a = validation.folds().get(0);
    assertThat(a.heldOut()).isEqualTo("a");
    Corpus onlyA = corpus.only(Corpus.inCategory("a"));
    ProfileScore ownBest = NabScorer.score(onlyA, onlyA.resultsOf(results(late()))).get(0);
    assertThat(ownBest.threshold()).isEqualTo(0.6);
    assertThat(a.fitted().get(0).threshold()).isEqualTo(0.95);
    ProfileScore heldOut = a.scores().get(0);
    assertThat(heldOut.threshold()).isEqualTo(0.95);
    assertThat(heldOut.detectedWindows()).isZero();
    assertThat(heldOut.raw()).isEqualTo(-1.0);
    assertThat(heldOut.normalised()).isLessThan(ownBest.normalised());
  }

  @Test
  void shouldFitEveryFoldOnTheOtherCategoriesOnly() {
    List<ScoredSeries> results = results(late());
    CrossValidation validation = CrossValidation.of(corpus, results);

    assertThat(validation.folds())
        .extracting(CrossValidation.Fold::heldOut)
        .containsExactly("a", "b", "c");
    for (CrossValidation.Fold fold : validation.folds()) {
      Corpus others = corpus.only(Corpus.inCategory(fold.heldOut()).negate());
      assertThat(fold.fitted()).isEqualTo(NabScorer.score(others, others.resultsOf(results)));
      assertThat(fold.scores())
          .extracting(ProfileScore::threshold)
          .isEqualTo(fold.fitted().stream().map(ProfileScore::threshold).toList());
    }
  }

  @Test
  void shouldNotMoveAFoldsThresholdWhenOnlyTheHeldOutCategoryChanges() {
    double[] everywhere = new double[ROWS];
    java.util.Arrays.fill(everywhere, 0.99);

    CrossValidation before = CrossValidation.of(corpus, results(late()));
    CrossValidation after = CrossValidation.of(corpus, results(everywhere));

    assertThat(after.folds().get(0).fitted()).isEqualTo(before.folds().get(0).fitted());
    assertThat(after.folds().get(0).scores()).isNotEqualTo(before.folds().get(0).scores());
  }

  @Test
  void shouldPoolTheHeldOutRawScoresOverEveryWindow() {
    CrossValidation validation = CrossValidation.of(corpus, results(late()));

    for (int p = 0; p < PROFILES.size(); p++) {
      ProfileScore pooled = validation.pooled().get(p);
      double raw = 0.0;
      for (CrossValidation.Fold fold : validation.folds()) {
        raw += fold.scores().get(p).raw();
      }
      assertThat(pooled.profile()).isEqualTo(PROFILES.get(p));
      assertThat(pooled.raw()).isCloseTo(raw, within(1e-12));
      assertThat(pooled.windows()).isEqualTo(3);
      assertThat(pooled.nullScore()).isEqualTo(-3.0);
      assertThat(pooled.perfect()).isEqualTo(3.0);
      assertThat(pooled.normalised()).isCloseTo(100.0 * (raw + 3.0) / 6.0, within(1e-9));
    }
  }

  @Test
  void shouldRefuseACorpusOfOneCategory() {
    Corpus one = corpus.only(Corpus.inCategory("a"));

    assertThatThrownBy(() -> CrossValidation.of(one, one.resultsOf(results(late()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two categories");
  }

  private static ScoredSeries series(String file, double[] scores) {
    List<LocalDateTime> times = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      times.add(T0.plusMinutes(i));
    }
    return new ScoredSeries(file, times, scores);
  }
}

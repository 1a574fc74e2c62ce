package io.vigil.evaluation.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NabScorerTest {
  private static final LocalDateTime T0 = LocalDateTime.of(2020, 1, 1, 0, 0);
  private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
  private static final List<CostProfile> PROFILES =
      List.of(
          STANDARD,
          new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0),
          new CostProfile("reward_low_FN_rate", 1.0, 0.11, 2.0));
  private static final int ROWS = 100;

  @Test
  void shouldWeighPositionsWithTheScaledSigmoid() {
    assertThat(NabScorer.scaledSigmoid(0.0)).isCloseTo(0.0, within(1e-12));
    assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661429815, within(1e-10));
    assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661429815, within(1e-10));
    assertThat(NabScorer.scaledSigmoid(3.01)).isEqualTo(-1.0);
  }

  @Test
  void shouldIgnoreFifteenPercentOfAFileAndAtMostSevenHundredFiftyRows() {
    assertThat(NabScorer.probationLength(100)).isEqualTo(15);
    assertThat(NabScorer.probationLength(4033)).isEqualTo(604);
    assertThat(NabScorer.probationLength(22_695)).isEqualTo(750);
  }

  @Test
  void shouldRewardADetectionAtTheLeftEdgeOfAWindowWithTheFullTpWeight() {
    double[] scores = new double[ROWS];
    scores[40] = 1.0;
    ProfileScore score = scoreOne(scores, window(40, 49));
    assertThat(score.threshold()).isEqualTo(1.0);
    assertThat(score.raw()).isCloseTo(1.0, within(1e-12));
    assertThat(score.normalised()).isCloseTo(100.0, within(1e-9));
    assertThat(score.detectedWindows()).isEqualTo(1);
  }

  @Test
  void shouldCountOnlyTheEarliestDetectionOfAWindow() {
    double[] early = new double[ROWS];
    early[42] = 0.9;
    double[] both = early.clone();
    both[47] = 1.0;
    assertThat(scoreOne(both, window(40, 49)).raw())
        .isCloseTo(scoreOne(early, window(40, 49)).raw(), within(1e-12));
  }

  @Test
  void shouldChargeFalsePositivesByDistanceFromThePrecedingWindow() {
    double[] scores = new double[ROWS];
    scores[40] = 1.0;
    scores[50] = 1.0;
    ProfileScore score = scoreOne(scores, window(40, 49));
    // Row 50 is one row past a window of width 10: y = 1/9.
    double fp = 0.11 * NabScorer.scaledSigmoid(1.0 / 9.0);
    assertThat(score.raw()).isCloseTo(1.0 + fp, within(1e-12));
    assertThat(score.falsePositives()).isEqualTo(1);
  }

  @Test
  void shouldChargeAFullFalsePositiveBeforeTheFirstWindowAndIgnoreProbation() {
    double[] scores = new double[ROWS];
    scores[5] = 1.0; // probation: ignored
    scores[20] = 1.0; // before any window: -fpWeight
    scores[40] = 1.0;
    ProfileScore score = scoreOne(scores, window(40, 49));
    assertThat(score.raw()).isCloseTo(1.0 - 0.11, within(1e-12));
  }

  @Test
  void shouldPickTheHighestThresholdAmongEqualBestScores() {
    double[] scores = new double[ROWS];
    scores[40] = 0.8;
    ProfileScore score = scoreOne(scores, window(40, 49));
    // Every threshold in (0, 0.8] detects the window alone; 0.0 detects everything.
    assertThat(score.threshold()).isEqualTo(0.8);
  }

  @Test
  void shouldScoreTheNullDetectorZero() {
    ProfileScore score = scoreOne(new double[ROWS], window(40, 49));
    assertThat(score.threshold()).isEqualTo(NabScorer.NO_DETECTION_THRESHOLD);
    assertThat(score.normalised()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void shouldNotCountAWindowWhollyInsideProbation() {
    ProfileScore score = scoreOne(new double[ROWS], window(2, 5), window(40, 49));
    assertThat(score.windows()).isEqualTo(1);
    assertThat(score.nullScore()).isEqualTo(-1.0);
  }

  @Test
  void shouldRejectResultsThatDoNotCoverTheCorpus() {
    Corpus corpus = corpus(Map.of("a/one.csv", List.of(), "a/two.csv", List.of()));
    assertThatThrownBy(() -> NabScorer.score(corpus, List.of(series("a/one.csv", new double[3]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cover exactly");
  }

  @Test
  void shouldReproduceTheSweepExactlyAtItsBestThreshold() {
    Map<String, List<LabelWindow>> windows =
        Map.of(
            "a/one.csv", List.of(window(40, 49), window(70, 74)),
            "a/two.csv", List.of(window(20, 39)),
            "b/three.csv", List.of());
    Corpus corpus = new Corpus(Path.of("unused"), windows, PROFILES);
    List<ScoredSeries> results = new ArrayList<>();
    Random random = new Random(7);
    for (String file : windows.keySet()) {
      double[] scores = new double[ROWS];
      for (int i = 0; i < ROWS; i++) {
        // Two decimals: many ties, as a calibrated detector's output has.
        scores[i] = Math.rint(random.nextDouble() * 100) / 100;
      }
      results.add(series(file, scores));
    }
    List<ProfileScore> swept = NabScorer.score(corpus, results);

    List<ProfileScore> fixed = NabScorer.scoreAt(corpus, results, ProfileScore.thresholds(swept));

    assertThat(fixed).isEqualTo(swept);
    assertThat(swept).extracting(ProfileScore::threshold).doesNotContain(1.1);
  }

  @Test
  void shouldNeverScoreAFixedThresholdAboveTheSweepsBest() {
    double[] scores = new double[ROWS];
    scores[30] = 0.95; // false positive before the window
    scores[44] = 0.9; // late in the window
    scores[60] = 0.5; // false positive after it
    ProfileScore best = scoreOne(scores, window(40, 49));
    Corpus corpus = corpus(Map.of("a/file.csv", List.of(window(40, 49))));
    for (double threshold : new double[] {1.1, 0.96, 0.95, 0.92, 0.9, 0.7, 0.5, 0.0}) {
      ProfileScore fixed =
          NabScorer.scoreAt(
                  corpus, List.of(series("a/file.csv", scores)), Map.of(STANDARD, threshold))
              .get(0);
      assertThat(fixed.raw()).as("threshold %s", threshold).isLessThanOrEqualTo(best.raw());
      assertThat(fixed.threshold()).isEqualTo(threshold);
    }
  }

  @Test
  void shouldDetectExactlyTheRowsAtOrAboveAFixedThreshold() {
    double[] scores = new double[ROWS];
    scores[40] = 0.8; // the window's left edge
    scores[60] = 0.9; // a false positive 11 rows past the window
    Corpus corpus = corpus(Map.of("a/file.csv", List.of(window(40, 49))));
    List<ScoredSeries> results = List.of(series("a/file.csv", scores));

    ProfileScore above = NabScorer.scoreAt(corpus, results, Map.of(STANDARD, 0.85)).get(0);
    ProfileScore at = NabScorer.scoreAt(corpus, results, Map.of(STANDARD, 0.8)).get(0);

    double fp = 0.11 * NabScorer.scaledSigmoid(11.0 / 9.0);
    assertThat(above.detectedWindows()).isZero();
    assertThat(above.falsePositives()).isEqualTo(1);
    assertThat(above.raw()).isCloseTo(-1.0 + fp, within(1e-12));
    assertThat(at.detectedWindows()).isEqualTo(1);
    assertThat(at.falsePositives()).isEqualTo(1);
    assertThat(at.raw()).isCloseTo(1.0 + fp, within(1e-12));
  }

  @Test
  void shouldRejectAFixedScoreWithoutAThresholdForEveryProfile() {
    Corpus corpus = corpus(Map.of("a/file.csv", List.of()));
    List<ScoredSeries> results = List.of(series("a/file.csv", new double[ROWS]));
    assertThatThrownBy(() -> NabScorer.scoreAt(corpus, results, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no threshold for profile standard");
  }

  private static ProfileScore scoreOne(double[] scores, LabelWindow... windows) {
    Corpus corpus = corpus(Map.of("a/file.csv", List.of(windows)));
    return NabScorer.score(corpus, List.of(series("a/file.csv", scores))).get(0);
  }

  private static Corpus corpus(Map<String, List<LabelWindow>> windows) {
    return new Corpus(Path.of("unused"), windows, List.of(STANDARD));
  }

  private static ScoredSeries series(String file, double[] scores) {
    List<LocalDateTime> times = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      times.add(T0.plusMinutes(i));
    }
    return new ScoredSeries(file, times, scores);
  }

  private static LabelWindow window(int left, int right) {
    return new LabelWindow(T0.plusMinutes(left), T0.plusMinutes(right));
  }
}

package io.vigil.evaluation;

import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ScoredSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * Leave-one-category-out NAB scores: for each category in turn, each profile's threshold is the
 * corpus-wide best of NAB's sweep over the other categories only, and the held-out category is
 * scored at that fixed threshold. No figure here is scored with a threshold fitted on itself.
 *
 * @param folds one per category, sorted by category
 * @param pooled per profile, the folds' held-out scores added up (raw, null and perfect), i.e.
 *     normalised over every window of the corpus
 */
public record CrossValidation(List<Fold> folds, List<ProfileScore> pooled) {

  public CrossValidation {
    folds = List.copyOf(folds);
    pooled = List.copyOf(pooled);
  }

  /**
   * One held-out category.
   *
   * @param heldOut the category scored
   * @param fitted per profile, the sweep over every other category (its threshold is the one used)
   * @param scores per profile, the held-out category at the fitted threshold
   */
  public record Fold(String heldOut, List<ProfileScore> fitted, List<ProfileScore> scores) {
    public Fold {
      fitted = List.copyOf(fitted);
      scores = List.copyOf(scores);
    }
  }

  /**
   * Cross-validates {@code results}, one per data file of {@code corpus}.
   *
   * @throws IllegalArgumentException with fewer than two categories (nothing to hold out)
   */
  public static CrossValidation of(Corpus corpus, List<ScoredSeries> results) {
    List<String> categories = corpus.categories();
    if (categories.size() < 2) {
      throw new IllegalArgumentException(
          "cross-validation needs at least two categories (data/<category>/...), found "
              + categories);
    }
    List<Fold> folds = new ArrayList<>();
    for (String category : categories) {
      Corpus others = corpus.only(Corpus.inCategory(category).negate());
      Corpus heldOut = corpus.only(Corpus.inCategory(category));
      List<ProfileScore> fitted = NabScorer.score(others, others.resultsOf(results));
      List<ProfileScore> scores =
          NabScorer.scoreAt(heldOut, heldOut.resultsOf(results), ProfileScore.thresholds(fitted));
      folds.add(new Fold(category, fitted, scores));
    }
    List<ProfileScore> pooled = new ArrayList<>();
    for (int p = 0; p < corpus.profiles().size(); p++) {
      List<ProfileScore> heldOutScores = new ArrayList<>();
      for (Fold fold : folds) {
        heldOutScores.add(fold.scores().get(p));
      }
      pooled.add(ProfileScore.sum(heldOutScores));
    }
    return new CrossValidation(folds, pooled);
  }
}

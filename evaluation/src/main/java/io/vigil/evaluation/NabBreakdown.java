package io.vigil.evaluation;

import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.NabScorer;
import io.vigil.evaluation.nab.ProfileScore;
import io.vigil.evaluation.nab.ScoredSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run's NAB score comes from, at its corpus-wide thresholds (nothing is re-fitted): per
 * category, normalised as NAB does with the null and perfect scores of the category's own windows,
 * and per data file, its detected windows, missed windows and false positives.
 *
 * @param categories per category (first path element of the files), sorted
 * @param files per data file, sorted
 */
public record NabBreakdown(List<Part> categories, List<Part> files) {
  /** The profile whose per-file counts are reported, when the corpus has it. */
  public static final String STANDARD = "standard";

  public NabBreakdown {
    categories = List.copyOf(categories);
    files = List.copyOf(files);
  }

  /**
   * A part of the corpus scored at the corpus-wide thresholds.
   *
   * @param name category or data file
   * @param fileCount data files in the part
   * @param scores per profile of the corpus
   */
  public record Part(String name, int fileCount, List<ProfileScore> scores) {
    public Part {
      Objects.requireNonNull(name, "name");
      scores = List.copyOf(scores);
    }

    /** The score of {@code profile}. */
    public ProfileScore of(CostProfile profile) {
      return scores.stream()
          .filter(score -> score.profile().equals(profile))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no score for " + profile.name()));
    }
  }

  /** Breaks {@code run}, a run over {@code corpus}, down at the run's thresholds. */
  public static NabBreakdown of(Corpus corpus, NabRun run) {
    Map<CostProfile, Double> thresholds = ProfileScore.thresholds(run.scores());
    List<Part> categories = new ArrayList<>();
    for (String category : corpus.categories()) {
      categories.add(part(category, corpus.only(Corpus.inCategory(category)), run, thresholds));
    }
    List<Part> files = new ArrayList<>();
    for (String file : corpus.files()) {
      files.add(part(file, corpus.only(file::equals), run, thresholds));
    }
    return new NabBreakdown(categories, files);
  }

  /** The profile of the per-file counts: {@value #STANDARD}, else the corpus' first. */
  public static CostProfile countedProfile(Corpus corpus) {
    return corpus.profiles().stream()
        .filter(profile -> profile.name().equals(STANDARD))
        .findFirst()
        .orElse(corpus.profiles().get(0));
  }

  private static Part part(
      String name, Corpus part, NabRun run, Map<CostProfile, Double> thresholds) {
    List<ScoredSeries> results = part.resultsOf(run.results());
    return new Part(name, part.files().size(), NabScorer.scoreAt(part, results, thresholds));
  }
}

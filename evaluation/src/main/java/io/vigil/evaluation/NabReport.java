package io.vigil.evaluation;

import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.ProfileScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Plain-text tables of a {@link NabRun} and its analyses, for terminals and the README. */
public final class NabReport {
  private static final String NL = System.lineSeparator();

  private NabReport() {}

  /** The run's header and one row per profile at the corpus-wide best thresholds. */
  public static String format(NabRun run) {
    StringBuilder out = new StringBuilder();
    String configuration = run.configurations().values().stream().findFirst().orElse("");
    out.append(
        String.format(
            Locale.ROOT,
            "NAB: detector %s, %d files, %d rows, %.1f s%n  configuration: %s%n",
            run.detector(),
            run.results().size(),
            run.rows(),
            run.elapsed().toMillis() / 1000.0,
            configuration));
    table(out, null, run.scores().stream().map(score -> Map.entry("", score)).toList());
    out.append("  results: ").append(run.resultsDir().resolve(run.detector()));
    return out.toString();
  }

  /**
   * Per category, every profile at the corpus-wide thresholds; per file, the windows detected and
   * missed and the false positives of {@code counted} (the standard profile) at its threshold.
   */
  public static String format(NabBreakdown breakdown, CostProfile counted) {
    StringBuilder out = new StringBuilder();
    out.append(
            "Per category, at the corpus-wide thresholds above (normalised with the null and"
                + " perfect scores of the category's own windows; n/a without windows):")
        .append(NL);
    List<Map.Entry<String, ProfileScore>> rows = new ArrayList<>();
    for (NabBreakdown.Part category : breakdown.categories()) {
      category.scores().forEach(score -> rows.add(Map.entry(category.name(), score)));
    }
    table(out, "category", rows);
    double threshold = breakdown.files().get(0).of(counted).threshold();
    out.append(
            String.format(
                Locale.ROOT,
                "Per file, profile %s at its corpus-wide threshold %.10f:",
                counted.name(),
                threshold))
        .append(NL);
    int width = width("file", breakdown.files().stream().map(NabBreakdown.Part::name).toList());
    out.append(
            String.format(
                Locale.ROOT,
                "| %-" + width + "s | %7s | %8s | %6s | %6s |",
                "file",
                "windows",
                "detected",
                "missed",
                "FP"))
        .append(NL)
        .append("|")
        .append("-".repeat(width + 2))
        .append("|--------:|---------:|-------:|-------:|")
        .append(NL);
    for (NabBreakdown.Part file : breakdown.files()) {
      ProfileScore score = file.of(counted);
      out.append(
              String.format(
                  Locale.ROOT,
                  "| %-" + width + "s | %7d | %8d | %6d | %6d |",
                  file.name(),
                  score.windows(),
                  score.detectedWindows(),
                  score.windows() - score.detectedWindows(),
                  score.falsePositives()))
          .append(NL);
    }
    return out.toString();
  }

  /** Each held-out category at the threshold fitted on the others, then the pooled figures. */
  public static String format(CrossValidation validation) {
    StringBuilder out = new StringBuilder();
    out.append(
            "Cross-validated: each category scored at the threshold of NAB's sweep over the other"
                + " categories only;")
        .append(NL)
        .append(
            "pooled = the held-out raw scores of all folds added up, normalised over all"
                + " windows (thresholds differ per fold):")
        .append(NL);
    List<Map.Entry<String, ProfileScore>> rows = new ArrayList<>();
    for (CrossValidation.Fold fold : validation.folds()) {
      fold.scores().forEach(score -> rows.add(Map.entry(fold.heldOut(), score)));
    }
    validation.pooled().forEach(score -> rows.add(Map.entry("pooled", score)));
    table(out, "held out", rows);
    return out.toString();
  }

  /**
   * One row per score, with a first column of labels when {@code labelHeader} is not null; NaN
   * figures (no windows, or per-fold thresholds) print as words.
   */
  private static void table(
      StringBuilder out, String labelHeader, List<Map.Entry<String, ProfileScore>> rows) {
    String label = "";
    String rule = "";
    if (labelHeader != null) {
      int width = width(labelHeader, rows.stream().map(Map.Entry::getKey).toList());
      label = "| %-" + width + "s ";
      rule = "|" + "-".repeat(width + 2);
    }
    String header = label + "| %-18s | %10s | %9s | %9s | %14s | %8s | %6s |%n";
    List<Object> headers =
        new ArrayList<>(
            List.of("profile", "normalised", "raw", "null", "threshold", "detected", "FP"));
    if (labelHeader != null) {
      headers.add(0, labelHeader);
    }
    out.append(String.format(Locale.ROOT, header, headers.toArray()));
    out.append(rule)
        .append(
            "|--------------------|-----------:|----------:|----------:|---------------:|---------:|-------:|")
        .append(NL);
    for (Map.Entry<String, ProfileScore> row : rows) {
      ProfileScore score = row.getValue();
      List<Object> cells =
          new ArrayList<>(
              List.of(
                  score.profile().name(),
                  number("%.2f", score.normalised(), "n/a"),
                  score.raw(),
                  score.nullScore(),
                  number("%.10f", score.threshold(), "per fold"),
                  score.detectedWindows(),
                  score.windows(),
                  score.falsePositives()));
      if (labelHeader != null) {
        cells.add(0, row.getKey());
      }
      out.append(
          String.format(
              Locale.ROOT,
              label + "| %-18s | %10s | %9.3f | %9.3f | %14s | %3d / %-2d | %6d |%n",
              cells.toArray()));
    }
  }

  private static String number(String format, double value, String ifNaN) {
    return Double.isNaN(value) ? ifNaN : String.format(Locale.ROOT, format, value);
  }

  private static int width(String header, List<String> labels) {
    return Math.max(header.length(), labels.stream().mapToInt(String::length).max().orElse(0));
  }
}

package io.vigil.evaluation;

import io.vigil.evaluation.nab.ProfileScore;
import java.util.Locale;

/** A plain-text table of a {@link NabRun}, for terminals and the README. */
public final class NabReport {
  private NabReport() {}

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
    out.append(
        String.format(
            Locale.ROOT,
            "| %-18s | %10s | %9s | %9s | %14s | %8s | %6s |%n",
            "profile",
            "normalised",
            "raw",
            "null",
            "threshold",
            "detected",
            "FP"));
    out.append(
            "|--------------------|-----------:|----------:|----------:|---------------:|---------:|-------:|")
        .append(System.lineSeparator());
    for (ProfileScore score : run.scores()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %-18s | %10.2f | %9.3f | %9.3f | %14.10f | %3d / %-2d | %6d |%n",
              score.profile().name(),
              score.normalised(),
              score.raw(),
              score.nullScore(),
              score.threshold(),
              score.detectedWindows(),
              score.windows(),
              score.falsePositives()));
    }
    out.append("  results: ").append(run.resultsDir().resolve(run.detector()));
    return out.toString();
  }
}

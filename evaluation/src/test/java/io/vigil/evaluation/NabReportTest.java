package io.vigil.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evaluation.nab.CostProfile;
import io.vigil.evaluation.nab.ProfileScore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NabReportTest {
  private static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
  private static final ProfileScore SCORE =
      new ProfileScore(STANDARD, 0.9999876543, 12.3456, -55.0, 55.0, 55, 44, 127);

  @Test
  void shouldPrintTheRunAsAnAlignedTable() {
    NabRun run =
        new NabRun(
            "ewma",
            Map.of("a/x.csv", "alpha=0.02"),
            List.of(),
            List.of(SCORE),
            Path.of("out"),
            1234,
            Duration.ofMillis(1500));

    String[] lines = NabReport.format(run).split(System.lineSeparator());

    assertThat(lines)
        .containsExactly(
            "NAB: detector ewma, 0 files, 1234 rows, 1.5 s",
            "  configuration: alpha=0.02",
            "| profile            | normalised |       raw |      null |      threshold | detected |     FP |",
            "|--------------------|-----------:|----------:|----------:|---------------:|---------:|-------:|",
            "| standard           |      61.22 |    12.346 |   -55.000 |   0.9999876543 |  44 / 55 |    127 |",
            "  results: " + Path.of("out", "ewma"));
  }

  @Test
  void shouldPrintCategoriesWithoutWindowsAndPooledThresholdsInWords() {
    ProfileScore none = new ProfileScore(STANDARD, 0.5, -0.33, 0.0, 0.0, 0, 0, 3);
    ProfileScore pooled =
        ProfileScore.sum(List.of(SCORE, new ProfileScore(STANDARD, 0.7, -0.33, 0.0, 0.0, 0, 0, 3)));
    CrossValidation validation =
        new CrossValidation(
            List.of(
                new CrossValidation.Fold("artificialNoAnomaly", List.of(none), List.of(none)),
                new CrossValidation.Fold("realKnownCause", List.of(SCORE), List.of(SCORE))),
            List.of(pooled));

    String report = NabReport.format(validation);

    assertThat(report)
        .contains(
            "| artificialNoAnomaly | standard           |        n/a |    -0.330 |     0.000 |"
                + "   0.5000000000 |   0 / 0  |      3 |")
        .contains("| pooled              | standard           |")
        .contains("|       per fold |  44 / 55 |    130 |");
  }
}

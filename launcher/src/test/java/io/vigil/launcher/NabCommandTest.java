package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.evaluation.NabPlot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCommandTest {
  private final CliRun cli = new CliRun();

  @Test
  void shouldDocumentTheNabOptions() {
    assertThat(cli.execute("nab", "--help")).isZero();

    assertThat(cli.out())
        .contains("--data", "--out", "--detector", "ewma", "--plot", "--cross-validate");
  }

  @Test
  void shouldRejectAFolderThatIsNotANabCorpusWithExitCodeTwo(@TempDir Path dir) {
    assertThat(cli.execute("nab", "--data", dir.toString())).isEqualTo(2);

    assertThat(cli.err()).contains("is not a NAB corpus");
  }

  @Test
  void shouldPrintTheScoresOfTheThreeProfilesAndWriteResultFiles(@TempDir Path dir)
      throws IOException {
    Path corpus = NabTestCorpus.step(dir);

    int exit = ewma(corpus, dir);

    assertThat(exit).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("detector ewma, 1 files, 200 rows")
        .contains("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    assertThat(dir.resolve("results/ewma/flat/ewma_step.csv")).isRegularFile();
  }

  @Test
  void shouldCrossValidateAndPlotEveryFileOfASmallCorpus(@TempDir Path dir) throws IOException {
    Path corpus = NabTestCorpus.categories(dir, 700);
    Path plots = dir.resolve("plots");

    int exit = ewma(corpus, dir, "--cross-validate", "--plot", plots.toString());

    assertThat(exit).as(cli.err()).isZero();
    String out = cli.out();
    assertThat(out)
        .contains("detector ewma, 6 files, 4200 rows")
        .contains("Per category, at the corpus-wide thresholds above")
        .contains("Per file, profile standard at its corpus-wide threshold")
        .containsPattern("\\| alpha/series_0.csv +\\| +1 \\| +[01] \\| +[01] \\|")
        .contains("Cross-validated: each category scored at the threshold")
        .contains("plots: 6 PNG files in " + plots);
    for (String category : new String[] {"alpha", "beta", "gamma"}) {
      assertThat(out)
          .containsPattern("\\| " + category + " +\\| standard +\\| +-?\\d+\\.\\d\\d \\|");
    }
    assertThat(out).containsPattern("\\| pooled +\\| reward_low_FN_rate +\\|.*\\| +per fold \\|");
    for (String file : new String[] {"alpha/series_0", "beta/series_1", "gamma/series_1"}) {
      BufferedImage image = ImageIO.read(plots.resolve(file + ".png").toFile());
      assertThat(image).as(file).isNotNull();
      assertThat(image.getWidth()).isEqualTo(NabPlot.WIDTH);
      assertThat(image.getHeight()).isEqualTo(NabPlot.HEIGHT);
    }
  }

  @Test
  void shouldRejectCrossValidationOfOneCategoryWithExitCodeTwo(@TempDir Path dir)
      throws IOException {
    Path corpus = NabTestCorpus.step(dir);

    int exit = ewma(corpus, dir, "--cross-validate");

    assertThat(exit).isEqualTo(2);
    assertThat(cli.err()).contains("--cross-validate needs at least two categories", "[flat]");
    assertThat(dir.resolve("results")).doesNotExist();
  }

  /** {@code vigil nab} of {@code corpus} with the (fast) ewma setup, results in dir/results. */
  private int ewma(Path corpus, Path dir, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "nab",
                "--data",
                corpus.toString(),
                "--detector",
                "ewma",
                "--out",
                dir.resolve("results").toString()));
    args.addAll(List.of(options));
    return cli.execute(args.toArray(String[]::new));
  }
}

package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabCommandTest {
  private final CliRun cli = new CliRun();

  @Test
  void shouldDocumentTheNabOptions() {
    assertThat(cli.execute("nab", "--help")).isZero();

    assertThat(cli.out()).contains("--data", "--out", "--detector", "ewma");
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

    int exit =
        cli.execute(
            "nab",
            "--data",
            corpus.toString(),
            "--detector",
            "ewma",
            "--out",
            dir.resolve("results").toString());

    assertThat(exit).as(cli.err()).isZero();
    assertThat(cli.out())
        .contains("detector ewma, 1 files, 200 rows")
        .contains("standard", "reward_low_FP_rate", "reward_low_FN_rate");
    assertThat(dir.resolve("results/ewma/flat/ewma_step.csv")).isRegularFile();
  }
}

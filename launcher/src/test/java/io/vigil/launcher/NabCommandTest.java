package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
    Path corpus = dir.resolve("corpus");
    Files.createDirectories(corpus.resolve("config"));
    Files.createDirectories(corpus.resolve("labels"));
    Files.createDirectories(corpus.resolve("data/flat"));
    Files.writeString(
        corpus.resolve("config/profiles.json"),
        """
        {"standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11}},
         "reward_low_FP_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.22}},
         "reward_low_FN_rate": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 2.0, "fpWeight": 0.11}}}
        """);
    Files.writeString(
        corpus.resolve("labels/combined_windows.json"),
        "{\"flat/step.csv\": [[\"2020-01-01 02:30:00.000000\", \"2020-01-01 03:00:00.000000\"]]}");
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int minute = 0; minute < 200; minute++) {
      csv.append(
          String.format(
              "2020-01-01 %02d:%02d:00,%d%n",
              minute / 60, minute % 60, minute < 150 ? minute % 3 : 50));
    }
    Files.writeString(corpus.resolve("data/flat/step.csv"), csv);

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

package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.config.ProcessorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalStack
class NabViaKafkaIT {
  private final LocalStack stack;

  NabViaKafkaIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldGiveTheSameScoresThroughThePipelineAsTheDirectRun(@TempDir Path dir)
      throws IOException {
    Path corpus = NabTestCorpus.seasonal(dir, 700);
    Path results = dir.resolve("results");
    CliRun direct = new CliRun();
    CliRun pipeline = new CliRun();

    int directExit =
        direct.execute("nab", "--data", corpus.toString(), "--out", results.toString());
    int pipelineExit =
        pipeline.execute(
            "nab",
            "--data",
            corpus.toString(),
            "--out",
            results.toString(),
            "--via-kafka",
            "--bootstrap-servers",
            stack.kafkaBootstrapServers());

    assertThat(directExit).as(direct.err()).isZero();
    assertThat(pipelineExit).as(pipeline.err()).isZero();
    String setup = ProcessorConfig.DEFAULT_DETECTOR.configName();
    for (String file : List.of("series_0.csv", "series_1.csv")) {
      List<String> viaKafka =
          Files.readAllLines(
              results.resolve(setup + "-via-kafka/seasonal/" + setup + "-via-kafka_" + file));
      List<String> inProcess =
          Files.readAllLines(results.resolve(setup + "/seasonal/" + setup + "_" + file));
      assertThat(viaKafka).as(file).hasSize(701).isEqualTo(inProcess);
    }
    assertThat(pipeline.out()).contains("detector " + setup + "-via-kafka, 2 files, 1400 rows");
    assertThat(scores(pipeline.out())).isEqualTo(scores(direct.out()));
  }

  /** The report's score lines (profile and figures), without the detector name and timing. */
  private static List<String> scores(String report) {
    return report
        .lines()
        .filter(line -> line.contains("standard") || line.contains("reward_low"))
        .toList();
  }
}

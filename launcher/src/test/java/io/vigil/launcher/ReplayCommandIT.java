package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalStack
class ReplayCommandIT {
  private final LocalStack stack;

  ReplayCommandIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldReplayEveryRowOfANabFileInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nyc_taxi.csv");
    DateTimeFormatter nab = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 500; i++) {
      csv.append(start.minusMinutes(500 - i).format(nab)).append(',').append(i).append('\n');
    }
    Files.writeString(file, csv);
    String prefix = "it-" + UUID.randomUUID() + ".";

    int exit =
        VigilCommand.commandLine()
            .execute(
                "replay",
                "--bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "--topic-prefix",
                prefix,
                "--no-progress",
                file.toString());

    assertThat(exit).isZero();
    List<List<ConsumerRecord<String, byte[]>>> seen = new ArrayList<>(List.of(List.of()));
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), prefix + "events", 3)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                seen.set(0, reader.poll()); // every record read so far
                return reader.caughtUp();
              });
    }
    List<ConsumerRecord<String, byte[]>> records = seen.get(0);
    assertThat(records).hasSize(500).allMatch(r -> r.key().equals("nyc_taxi"));
    assertThat(records).extracting(ConsumerRecord::timestamp).isSorted();
  }
}

package io.vigil.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.serde.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalStack
class ReplayerIT {
  private static final DateTimeFormatter NAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final LocalStack stack;
  private final ObjectMapper mapper = Json.newMapper();
  private final String prefix = "it-" + UUID.randomUUID() + ".";

  ReplayerIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldPutEveryRowOfANabFileOnTheTopicInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("machine_temperature_system_failure.csv");
    LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    StringBuilder csv = new StringBuilder("timestamp,value\n");
    int rows = 2_000;
    for (int i = 0; i < rows; i++) {
      csv.append(start.minusMinutes(5L * (rows - i)).format(NAB))
          .append(',')
          .append(i)
          .append('\n');
    }
    Files.writeString(file, csv);
    List<long[]> updates = new ArrayList<>();

    ReplaySummary summary;
    try (Replayer replayer = open()) {
      summary =
          replayer.replay(
              List.of(ReplayInput.file(file, null, null)),
              ReplaySpeed.MAX,
              new ReplayProgress() {
                @Override
                public void update(long bytesRead, long totalBytes, long lines, long events) {
                  updates.add(new long[] {bytesRead, totalBytes, events});
                }

                @Override
                public void badLine(String input, long lineNumber, String reason) {}
              });
    }

    assertThat(summary.events()).isEqualTo(rows);
    assertThat(summary.deadLettered()).isZero();
    assertThat(summary.failed()).isZero();
    assertThat(updates.get(updates.size() - 1))
        .containsExactly(Files.size(file), Files.size(file), rows);
    List<ConsumerRecord<String, byte[]>> records = read(prefix + "events");
    assertThat(records).hasSize(rows);
    List<Double> values = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(record.key()).isEqualTo("machine_temperature_system_failure");
      values.add(mapper.readTree(record.value()).get("value").asDouble());
    }
    assertThat(values).isSorted().hasSize(rows).doesNotHaveDuplicates();
  }

  @Test
  void shouldDeadLetterBadLinesWithTheirLineNumbersAndGoOn() throws Exception {
    long now = System.currentTimeMillis();
    String ndjson =
        "{\"key\":\"a\",\"timestamp\":"
            + now
            + ",\"value\":1}\n"
            + "{\"key\":\"a\",\"timestamp\":"
            + "\n\n"
            + "{\"key\":\"a\",\"timestamp\":"
            + now
            + ",\"value\":\"x\"}\n"
            + "{\"key\":\"b\",\"timestamp\":"
            + now
            + ",\"value\":2}\n";
    List<String> reported = new ArrayList<>();

    ReplaySummary summary;
    try (Replayer replayer = open()) {
      summary =
          replayer.replay(
              List.of(
                  ReplayInput.stdin(
                      new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                      null,
                      null)),
              ReplaySpeed.MAX,
              new ReplayProgress() {
                @Override
                public void update(long bytesRead, long totalBytes, long lines, long events) {}

                @Override
                public void badLine(String input, long lineNumber, String reason) {
                  reported.add(input + ":" + lineNumber);
                }
              });
    }

    assertThat(summary.events()).isEqualTo(2);
    assertThat(summary.deadLettered()).isEqualTo(2);
    assertThat(reported).containsExactly("stdin:2", "stdin:4");
    List<ConsumerRecord<String, byte[]>> letters = read(prefix + "events-dlq");
    assertThat(letters)
        .extracting(r -> DeadLetter.readFrom(r.headers()).sourceOffset())
        .containsExactlyInAnyOrder(2L, 4L);
    assertThat(letters)
        .extracting(r -> DeadLetter.readFrom(r.headers()).stage())
        .containsOnly(Replayer.STAGE);
    JsonNode first = mapper.readTree(read(prefix + "events").get(0).value());
    assertThat(first.get("key").asText()).isIn("a", "b");
  }

  private Replayer open() {
    KafkaSettings kafka =
        new KafkaSettings(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), prefix, true, 3, (short) 1);
    return Replayer.open(kafka, EventLimits.defaults(), Clock.systemUTC());
  }

  private List<ConsumerRecord<String, byte[]>> read(String topic) {
    List<List<ConsumerRecord<String, byte[]>>> seen = new ArrayList<>(List.of(List.of()));
    try (CommittedReader reader = new CommittedReader(stack.kafkaBootstrapServers(), topic, 3)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                seen.set(0, reader.poll()); // every record read so far
                return reader.caughtUp();
              });
    }
    return seen.get(0);
  }
}

package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-over of a processor JVM that is SIGKILLed mid-stream and started again, with static
 * membership ({@code vigil.processor.instance.id}) and without: prints how long the restarted
 * instance took to be ready and to score a new event (a measurement, not an assertion), and checks
 * that every event was scored exactly once on the read_committed scores topic.
 */
@WithLocalStack
class FailOverIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int PARTITIONS = 3;
  private static final int EVENTS = 300;
  private static final JsonSerde<Score> SCORES = JsonSerde.of(Score.class);

  private final LocalStack stack;
  @TempDir Path dir;

  FailOverIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldScoreEveryEventOnceAcrossASigkillAndPrintTheFailOverTimes() throws Exception {
    List<String> report = new ArrayList<>();
    report.add(run("static membership (vigil.processor.instance.id)", true));
    report.add(run("dynamic membership, 6 s session timeout", false));
    System.out.println("fail-over after SIGKILL, restart -> ready / -> new event scored:");
    report.forEach(line -> System.out.println("  " + line));
  }

  private String run(String name, boolean staticMembership) throws Exception {
    String prefix = "fo-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    TestProcessors.createTopics(stack.kafkaBootstrapServers(), topics, PARTITIONS, Map.of());
    int port = FreePorts.pick(1).get(0);
    Map<String, String> env =
        TestProcessors.env(stack.kafkaBootstrapServers(), prefix, dir.resolve(prefix), port);
    if (staticMembership) {
      env.put("VIGIL_PROCESSOR_INSTANCE_ID", "fail-over-0");
    }
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Set<SourcePosition> sent = new java.util.HashSet<>();

    try (KafkaProducer<String, byte[]> producer = producer()) {
      Process first = TestProcessors.spawn(env, dir.resolve(prefix + "first.log"));
      try {
        TestProcessors.awaitReady(port);
        List<java.util.concurrent.Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
          String key = "fo-" + (i % 12);
          acks.add(
              producer.send(
                  new ProducerRecord<>(
                      topics.events().name(),
                      key,
                      TestEvents.json(key, start.plusSeconds(i), 50 + i % 7, "e-" + i))));
        }
        for (var ack : acks) {
          sent.add(position(ack.get(30, TimeUnit.SECONDS)));
        }
        // Killed while it is busy: some of the events are in an open transaction.
        await().atMost(PATIENCE).until(() -> TestHttp.eventsScored(port) > 0);
      } finally {
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      long restarted = System.nanoTime();
      Process second = TestProcessors.spawn(env, dir.resolve(prefix + "second.log"));
      try {
        RecordMetadata probe =
            producer
                .send(
                    new ProducerRecord<>(
                        topics.events().name(),
                        "fo-0",
                        TestEvents.json("fo-0", start.plusSeconds(EVENTS), 50, "probe")))
                .get(30, TimeUnit.SECONDS);
        sent.add(position(probe));
        TestProcessors.awaitReady(port);
        double ready = (System.nanoTime() - restarted) / 1e9;
        try (CommittedReader scores =
            new CommittedReader(
                stack.kafkaBootstrapServers(), topics.scores().name(), PARTITIONS)) {
          await()
              .atMost(PATIENCE)
              .pollInterval(Duration.ofMillis(100))
              .until(() -> positions(scores.poll()).contains(position(probe)));
          double probeScored = (System.nanoTime() - restarted) / 1e9;
          await()
              .atMost(PATIENCE)
              .until(() -> scores.poll().size() >= sent.size() && scores.caughtUp());
          List<SourcePosition> all =
              scores.poll().stream().map(r -> SCORES.fromBytes(r.value()).source()).toList();
          assertThat(all).as("every event scored exactly once").hasSameSizeAs(sent);
          assertThat(Set.copyOf(all)).isEqualTo(sent);
          return String.format("%-48s %5.1f s / %5.1f s", name, ready, probeScored);
        }
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static SourcePosition position(RecordMetadata metadata) {
    return new SourcePosition(metadata.topic(), metadata.partition(), metadata.offset());
  }

  private static Set<SourcePosition> positions(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records) {
    return records.stream()
        .map(r -> SCORES.fromBytes(r.value()).source())
        .collect(Collectors.toSet());
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", stack.kafkaBootstrapServers(), "acks", "all", "linger.ms", 5),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}

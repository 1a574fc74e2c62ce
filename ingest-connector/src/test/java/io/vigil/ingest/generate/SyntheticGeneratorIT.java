package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalStack
class SyntheticGeneratorIT {
  /** Generous: the machine is shared and may be loaded. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static final int SERIES = 5;
  private static final int PER_SERIES = 200;

  private final LocalStack stack;

  @TempDir Path dir;

  SyntheticGeneratorIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldDeliverEveryEventExactlyOnceInOrderPerKeyWithItsLabels() throws Exception {
    String prefix = "it-" + UUID.randomUUID() + ".";
    Path labelsFile = dir.resolve("labels.ndjson");
    // Ends about now, so neither the broker nor the parser sees far-off timestamps.
    Instant start =
        Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(PER_SERIES));
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(SERIES)
            .eventsPerSecond(5_000)
            .maxEvents(SERIES * PER_SERIES)
            .simulatedTime(start, Duration.ofMinutes(1))
            .seed(2024)
            .anomalyRate(0.01)
            .anomalyKinds(AnomalyKind.values())
            .anomalyLength(8)
            .inject(
                InjectedAnomaly.atIndex("series-2", 100, AnomalyKind.SPIKE, 50),
                InjectedAnomaly.atIndex("series-4", 150, AnomalyKind.LEVEL_SHIFT, -20).lasting(10))
            .labelsFile(labelsFile)
            .build();
    KafkaSettings kafka =
        new KafkaSettings(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), prefix, true, 3, (short) 1);
    Expected expected = simulate(config);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (SyntheticGenerator generator =
        SyntheticGenerator.start(config, kafka, registry, Clock.systemUTC())) {
      assertThat(generator.awaitCompletion(WAIT)).isTrue();

      assertThat(generator.eventsSent()).isEqualTo(SERIES * PER_SERIES);
      assertThat(generator.sendFailures()).isZero();
      assertThat(registry.get("vigil.generator.events").counter().count())
          .isEqualTo(SERIES * PER_SERIES);
      assertThat(generator.labels()).isEqualTo(expected.labels());
    }

    String topic = prefix + "events";
    assertThat(describe(topic).partitions()).hasSize(3);
    List<ConsumerRecord<String, byte[]>> records = consumeAll(topic, SERIES * PER_SERIES);
    EventParser parser = new EventParser(EventLimits.defaults(), Clock.systemUTC());
    Map<String, List<Event>> byKey = new HashMap<>();
    Map<String, Set<Integer>> partitionsByKey = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      ParseResult<Event> parsed = parser.parse(record.value());
      assertThat(parsed).isInstanceOf(ParseResult.Accepted.class);
      Event event = ((ParseResult.Accepted<Event>) parsed).value();
      assertThat(record.key()).isEqualTo(event.key());
      assertThat(record.timestamp()).isEqualTo(event.timestamp().toEpochMilli());
      byKey.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event);
      partitionsByKey
          .computeIfAbsent(event.key(), k -> new java.util.HashSet<>())
          .add(record.partition());
    }
    // Exactly once and in order: per key, the very sequence the simulator produced.
    assertThat(byKey).isEqualTo(expected.eventsByKey());
    assertThat(partitionsByKey.values()).allSatisfy(p -> assertThat(p).hasSize(1));
    assertThat(LabelFile.read(labelsFile)).isEqualTo(expected.labels());
    assertThat(expected.labels())
        .contains(
            new AnomalyWindow(
                "series-2",
                AnomalyKind.SPIKE,
                start.plus(Duration.ofMinutes(100)),
                start.plus(Duration.ofMinutes(100)),
                50),
            new AnomalyWindow(
                "series-4",
                AnomalyKind.LEVEL_SHIFT,
                start.plus(Duration.ofMinutes(150)),
                start.plus(Duration.ofMinutes(159)),
                -20));
  }

  private record Expected(Map<String, List<Event>> eventsByKey, List<AnomalyWindow> labels) {}

  /** The same run without Kafka: what the topic and the labels file must hold. */
  private static Expected simulate(GeneratorConfig config) {
    SeriesSimulator simulator = SeriesSimulator.create(config, Clock.systemUTC());
    List<Event> events = new ArrayList<>();
    List<AnomalyWindow> labels = new ArrayList<>();
    for (long i = 0; i < config.maxEvents(); i++) {
      SeriesSimulator.Sample sample = simulator.next();
      events.add(sample.event());
      labels.addAll(sample.completedLabels());
    }
    labels.addAll(simulator.finish());
    return new Expected(
        events.stream().collect(Collectors.groupingBy(Event::key, Collectors.toList())), labels);
  }

  private TopicDescription describe(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }
  }

  /** Reads the topic from the start until its end offsets, which must hold {@code count}. */
  private List<ConsumerRecord<String, byte[]>> consumeAll(String topic, int count) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.kafkaBootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long total =
          consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
      assertThat(total).as("records in the topic").isEqualTo(count);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
              });
    }
    assertThat(records).hasSize(count);
    return records;
  }
}

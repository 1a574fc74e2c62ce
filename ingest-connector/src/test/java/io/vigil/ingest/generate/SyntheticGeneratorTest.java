package io.vigil.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.runtime.http.Health;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's own logic against a MockProducer; {@code SyntheticGeneratorIT} uses Kafka. */
class SyntheticGeneratorTest {
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(1);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);
  private static final Topic<String, Event> TOPIC = Topics.withPrefix("unit.").events();

  @TempDir Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<SyntheticGenerator> generators = new ArrayList<>();

  @AfterEach
  void closeGenerators() {
    generators.forEach(SyntheticGenerator::close);
  }

  private static MockProducer<String, Event> producer(boolean autoComplete) {
    return new MockProducer<>(
        autoComplete, null, TOPIC.keySerde().serializer(), TOPIC.valueSerde().serializer());
  }

  private static GeneratorConfig.Builder simulated() {
    return GeneratorConfig.builder()
        .seriesCount(3)
        .simulatedTime(START, STEP)
        .anomalyRate(0)
        .eventsPerSecond(0);
  }

  private SyntheticGenerator start(GeneratorConfig config, MockProducer<String, Event> producer) {
    SyntheticGenerator generator =
        SyntheticGenerator.start(config, TOPIC.name(), producer, registry, CLOCK);
    generators.add(generator);
    return generator;
  }

  @Test
  void shouldReplayTheHistoryUnthrottledBeforeLiveEventsAtTheRate() {
    MockProducer<String, Event> producer = producer(true);
    GeneratorConfig config =
        GeneratorConfig.builder()
            .seriesCount(3)
            .anomalyRate(0)
            .historyEvents(1_000)
            .eventsPerSecond(10)
            .build();

    SyntheticGenerator generator = start(config, producer);

    // 3,000 history events at 10 events/s would take five minutes: they are not paced.
    await().atMost(WAIT).until(generator::historyReplayed);
    await().atMost(WAIT).until(() -> generator.eventsSent() > 3_000);
    List<ProducerRecord<String, Event>> sent = producer.history();
    assertThat(sent.subList(0, 3_000))
        .allSatisfy(r -> assertThat(r.value().timestamp()).isBefore(generator.liveStart()));
    assertThat(sent.get(3_000).value().timestamp()).isEqualTo(START);
    assertThat(generator.liveStart()).isEqualTo(START);
  }

  @Test
  void shouldSendEveryEventKeyedBySeriesWithItsEventTimeAsRecordTimestamp() {
    MockProducer<String, Event> producer = producer(true);

    SyntheticGenerator generator = start(simulated().maxEvents(300).build(), producer);

    assertThat(generator.awaitCompletion(WAIT)).isTrue();
    assertThat(generator.eventsSent()).isEqualTo(300);
    assertThat(generator.sendFailures()).isZero();
    assertThat(registry.get("vigil.generator.events").counter().count()).isEqualTo(300);
    List<ProducerRecord<String, Event>> history = producer.history();
    assertThat(history).hasSize(300);
    assertThat(history)
        .allSatisfy(
            r -> {
              assertThat(r.topic()).isEqualTo("unit.events");
              assertThat(r.key()).isEqualTo(r.value().key());
              assertThat(r.timestamp()).isEqualTo(r.value().timestamp().toEpochMilli());
            });
    assertThat(history.get(299).value().timestamp()).isEqualTo(START.plus(STEP.multipliedBy(99)));
  }

  @Test
  void shouldStopAtTheEventLimitWhenPaced() {
    MockProducer<String, Event> producer = producer(true);

    SyntheticGenerator generator =
        start(simulated().eventsPerSecond(5_000).maxEvents(50).build(), producer);

    assertThat(generator.awaitCompletion(WAIT)).isTrue();
    assertThat(producer.history()).hasSize(50);
    assertThat(generator.health()).isEqualTo(Health.up("finished, 50 events sent"));
  }

  @Test
  void shouldStopAfterTheConfiguredDuration() {
    MockProducer<String, Event> producer = producer(true);

    SyntheticGenerator generator =
        start(
            simulated().eventsPerSecond(1_000).duration(Duration.ofMillis(100)).build(), producer);

    assertThat(generator.awaitCompletion(WAIT)).isTrue();
    assertThat(generator.eventsSent()).isPositive().isEqualTo(producer.history().size());
  }

  @Test
  void shouldExposeAndWriteTheLabelsOfInjectedAnomalies() {
    Path labelsFile = dir.resolve("labels.ndjson");
    GeneratorConfig config =
        simulated()
            .maxEvents(3 * 100)
            .labelsFile(labelsFile)
            .inject(
                InjectedAnomaly.atIndex("series-0", 10, AnomalyKind.SPIKE, 20),
                InjectedAnomaly.atIndex("series-2", 50, AnomalyKind.LEVEL_SHIFT, -8).lasting(5),
                InjectedAnomaly.atIndex("series-1", 90, AnomalyKind.FLATLINE, 0).lasting(50))
            .build();

    SyntheticGenerator generator = start(config, producer(true));

    assertThat(generator.awaitCompletion(WAIT)).isTrue();
    List<AnomalyWindow> expected =
        List.of(
            new AnomalyWindow("series-0", AnomalyKind.SPIKE, at(10), at(10), 20),
            new AnomalyWindow("series-2", AnomalyKind.LEVEL_SHIFT, at(50), at(54), -8),
            // Still under way when the run ended: cut at the last event.
            new AnomalyWindow("series-1", AnomalyKind.FLATLINE, at(90), at(99), 0));
    assertThat(generator.labels()).isEqualTo(expected);
    assertThat(LabelFile.read(labelsFile)).isEqualTo(expected);
    assertThat(registry.get("vigil.generator.anomalies").tag("kind", "spike").counter().count())
        .isEqualTo(1);
  }

  private static Instant at(long index) {
    return START.plus(STEP.multipliedBy(index));
  }

  @Test
  void shouldCountFailedSendsAndReportUnhealthyUntilSendsSucceedAgain() {
    MockProducer<String, Event> producer = producer(false);
    SyntheticGenerator generator = start(simulated().eventsPerSecond(1_000).build(), producer);
    await().atMost(WAIT).until(() -> producer.history().size() >= 2);

    producer.errorNext(new KafkaException("broker gone"));

    assertThat(generator.sendFailures()).isEqualTo(1);
    assertThat(registry.get("vigil.generator.send.failures").counter().count()).isEqualTo(1);
    assertThat(generator.health().up()).isFalse();
    assertThat(generator.health().detail()).contains("broker gone");

    producer.completeNext();

    assertThat(generator.eventsSent()).isEqualTo(1);
    assertThat(generator.health().up()).isTrue();
  }

  @Test
  void shouldCountASendRefusedBeforeQueueing() {
    MockProducer<String, Event> producer = producer(true);
    producer.sendException = new KafkaException("buffer full");

    SyntheticGenerator generator = start(simulated().maxEvents(10).build(), producer);

    assertThat(generator.awaitCompletion(WAIT)).isTrue();
    assertThat(generator.sendFailures()).isEqualTo(10);
    assertThat(generator.eventsSent()).isZero();
    assertThat(generator.health().detail()).contains("buffer full");
  }

  @Test
  void shouldWriteLabelsOfAnomaliesUnderWayAndCloseTheProducerWhenClosed() {
    MockProducer<String, Event> producer = producer(true);
    Path labelsFile = dir.resolve("labels.ndjson");
    GeneratorConfig config =
        simulated()
            .eventsPerSecond(1_000)
            .labelsFile(labelsFile)
            .inject(
                InjectedAnomaly.atIndex("series-1", 0, AnomalyKind.LEVEL_SHIFT, 3)
                    .lasting(1_000_000))
            .build();
    SyntheticGenerator generator = start(config, producer);
    await().atMost(WAIT).until(() -> generator.eventsSent() >= 10);

    generator.close();

    assertThat(generator.completed()).isTrue();
    assertThat(producer.closed()).isTrue();
    assertThat(generator.health()).isEqualTo(Health.down("closed"));
    long lastIndex = (generator.eventsGenerated() - 2) / 3;
    AnomalyWindow expected =
        new AnomalyWindow("series-1", AnomalyKind.LEVEL_SHIFT, at(0), at(lastIndex), 3);
    assertThat(generator.labels()).containsExactly(expected);
    assertThat(LabelFile.read(labelsFile)).containsExactly(expected);
  }
}

package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.EwmaStateMapper;
import io.vigil.processor.TestEvents;
import io.vigil.processor.config.ProcessingGuarantee;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilTopologyTest {
  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-03-02T00:00:00Z");
  private static final String SERIES = "host-17/cpu";
  private static final int WARMUP = 200;

  @TempDir Path stateDir;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<TopologyTestDriver> drivers = new ArrayList<>();
  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> events;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestOutputTopic<String, Anomaly> anomalies;

  @BeforeEach
  void startDriver() {
    driver = newDriver(stateDir.resolve("first"), registry);
    events = driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    deadLetters =
        driver.createOutputTopic(
            "events-dlq", new StringDeserializer(), new ByteArrayDeserializer());
    anomalies = anomaliesOf(driver);
  }

  @AfterEach
  void closeDrivers() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @Test
  void shouldEmitExactlyOneAnomalyForASpikeAfterWarmup() {
    TestEvents.seriesWithSpike(SERIES, START, WARMUP, 30).forEach(e -> events.pipeInput(SERIES, e));

    List<TestRecord<String, Anomaly>> emitted = anomalies.readRecordsToList();

    assertThat(emitted).hasSize(1);
    assertThat(emitted.get(0).key()).isEqualTo(SERIES);
    Anomaly anomaly = emitted.get(0).value();
    Instant spikeTime = TestEvents.spikeTime(START, WARMUP);
    assertThat(anomaly.id()).isEqualTo(AnomalyId.of(SERIES, spikeTime, "spike", "ewma"));
    assertThat(anomaly.key()).isEqualTo(SERIES);
    assertThat(anomaly.timestamp()).isEqualTo(spikeTime);
    assertThat(anomaly.detectedAt()).isEqualTo(NOW);
    assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(anomaly.score()).isGreaterThanOrEqualTo(0.999_999_999);
    assertThat(anomaly.detector()).isEqualTo("ewma");
    assertThat(anomaly.modelVersion()).isEqualTo(EwmaStateMapper.VERSION);
    assertThat(anomaly.values()).containsExactly(Map.entry("value", TestEvents.SPIKE));
    assertThat(anomaly.expected().get("value").value()).isCloseTo(TestEvents.MEAN, within(1.0));
    assertThat(anomaly.expected().get("value").upper())
        .isCloseTo(TestEvents.MEAN + 3 * TestEvents.SIGMA, within(2.0));
    assertThat(anomaly.expected().get("value").lower())
        .isCloseTo(TestEvents.MEAN - 3 * TestEvents.SIGMA, within(2.0));
    assertThat(anomaly.attribution()).containsExactly(Map.entry("value", 1.0));
    assertThat(anomaly.source()).isEqualTo(new SourcePosition("events", 0, WARMUP));
    assertThat(anomaly.tags()).containsExactly(Map.entry("host", "h1"));
    assertThat(counter("vigil.processor.events.scored")).isEqualTo(WARMUP + 31);
    assertThat(
            registry.get("vigil.processor.anomalies").tag("severity", "critical").counter().count())
        .isEqualTo(1);
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterInvalidRecordsWithOriginalBytesAndHeaders() {
    byte[] malformed = "{\"key\":\"a\",".getBytes(StandardCharsets.UTF_8);
    byte[] nanToken =
        "{\"key\":\"a\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"value\":NaN}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] nanString =
        "{\"key\":\"a\",\"timestamp\":\"2026-03-01T00:00:00Z\",\"value\":\"NaN\"}"
            .getBytes(StandardCharsets.UTF_8);
    byte[] missingKey =
        "{\"timestamp\":\"2026-03-01T00:00:00Z\",\"value\":1}".getBytes(StandardCharsets.UTF_8);
    RecordHeaders trace = new RecordHeaders();
    trace.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
    events.pipeInput(new TestRecord<>("k1", malformed, trace));
    events.pipeInput(null, nanToken);
    events.pipeInput("k3", nanString);
    events.pipeInput("k4", missingKey);

    List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();

    assertThat(letters).extracting(TestRecord::key).containsExactly("k1", null, "k3", "k4");
    assertThat(letters)
        .extracting(TestRecord::value)
        .containsExactly(malformed, nanToken, nanString, missingKey);
    List<DeadLetter> headers = letters.stream().map(r -> DeadLetter.readFrom(r.headers())).toList();
    assertThat(headers).extracting(DeadLetter::stage).containsOnly(ParseProcessor.STAGE);
    assertThat(headers).extracting(DeadLetter::sourceTopic).containsOnly("events");
    assertThat(headers).extracting(DeadLetter::sourcePartition).containsOnly(0);
    assertThat(headers).extracting(DeadLetter::sourceOffset).containsExactly(0L, 1L, 2L, 3L);
    assertThat(headers.get(0).reason()).contains("malformed JSON");
    assertThat(headers.get(1).reason()).contains("malformed JSON");
    assertThat(headers.get(2).reason()).isEqualTo("/value: must be a number, was a string");
    assertThat(headers.get(3).reason()).isEqualTo("/key: required");
    assertThat(letters.get(0).headers().lastHeader("traceparent")).isNotNull();
    assertThat(deadLetterCount("processor.parse", "malformed_json")).isEqualTo(2);
    assertThat(deadLetterCount("processor.parse", "invalid_value")).isEqualTo(1);
    assertThat(deadLetterCount("processor.parse", "invalid_key")).isEqualTo(1);
    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(counter("vigil.processor.events.scored")).isZero();
  }

  @Test
  void shouldRekeyNullAndWronglyKeyedRecordsByTheBodyKey() {
    List<byte[]> series = TestEvents.seriesWithSpike(SERIES, START, WARMUP, 0);
    String[] keys = {null, "wrong", SERIES};
    for (int i = 0; i < series.size(); i++) {
      events.pipeInput(keys[i % keys.length], series.get(i));
    }

    List<TestRecord<String, Anomaly>> emitted = anomalies.readRecordsToList();

    assertThat(emitted).extracting(TestRecord::key).containsExactly(SERIES);
    KeyValueStore<String, byte[]> store = driver.getKeyValueStore(ScoringProcessor.MODEL_STORE);
    assertThat(store.get("wrong")).isNull();
    assertThat(model(SERIES).feature("value").count()).isEqualTo(WARMUP + 1);
    assertThat(emitted.get(0).value().source().offset()).isEqualTo(WARMUP);
  }

  @Test
  void shouldKeepEachSeriesModelInTheStore() {
    TestEvents.seriesWithSpike("a", START, 20, 0).forEach(e -> events.pipeInput("a", e));
    TestEvents.seriesWithSpike("b", START, 5, 0).forEach(e -> events.pipeInput("b", e));

    EwmaState a = model("a");
    assertThat(a.feature("value").count()).isEqualTo(21);
    assertThat(a.lastEventTime()).isEqualTo(START.plusSeconds(20));
    assertThat(model("b").feature("value").count()).isEqualTo(6);
  }

  @Test
  void shouldStartAfreshWhenAStoredModelIsUnreadable() {
    driver.<String, byte[]>getKeyValueStore(ScoringProcessor.MODEL_STORE).put("a", new byte[] {9});

    events.pipeInput("a", TestEvents.json("a", START, 1.0, "x"));

    assertThat(model("a").feature("value").count()).isEqualTo(1);
    assertThat(registry.get("vigil.processor.model.resets").counter().count()).isEqualTo(1);
  }

  @Test
  void shouldGiveTheSameAnomalyIdsWhenScoringTheSameInputFromScratch() {
    List<byte[]> input = new ArrayList<>(TestEvents.seriesWithSpike("a", START, 100, 5));
    input.addAll(TestEvents.seriesWithSpike("b", START, 120, 5));
    input.forEach(e -> events.pipeInput(e));
    List<Anomaly> first = anomalies.readValuesToList();

    TopologyTestDriver second = newDriver(stateDir.resolve("second"), new SimpleMeterRegistry());
    TestInputTopic<String, byte[]> secondEvents =
        second.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    input.forEach(e -> secondEvents.pipeInput(e));
    List<Anomaly> again = anomaliesOf(second).readValuesToList();

    assertThat(first).hasSize(2);
    assertThat(again).isEqualTo(first);
    assertThat(again)
        .extracting(Anomaly::id)
        .containsExactly(
            AnomalyId.of("a", START.plusSeconds(100), "spike", "ewma"),
            AnomalyId.of("b", START.plusSeconds(120), "spike", "ewma"));
  }

  @Test
  void shouldDeadLetterUnreadableRepartitionRecordsThroughTheHandler() {
    // TopologyTestDriver drops what a deserialisation handler sends while it simulates a
    // transaction, so this one runs at-least-once; the handler does not depend on the guarantee.
    TopologyTestDriver driver =
        newDriver(stateDir.resolve("alo"), registry, ProcessingGuarantee.AT_LEAST_ONCE);
    TestOutputTopic<String, byte[]> deadLetters =
        driver.createOutputTopic(
            "events-dlq", new StringDeserializer(), new ByteArrayDeserializer());
    TestInputTopic<String, byte[]> repartition =
        driver.createInputTopic(
            "vigil-test-" + VigilTopology.REPARTITION + "-repartition",
            new StringSerializer(),
            new ByteArraySerializer());
    byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

    repartition.pipeInput("a", garbage);

    TestRecord<String, byte[]> letter = deadLetters.readRecord();
    assertThat(letter.value()).isEqualTo(garbage);
    DeadLetter header = DeadLetter.readFrom(letter.headers());
    assertThat(header.stage()).isEqualTo("processor.deserialize");
    assertThat(header.sourceTopic()).endsWith("-repartition");
    assertThat(deadLetterCount("processor.deserialize", "SerializationException")).isEqualTo(1);
  }

  private TopologyTestDriver newDriver(Path dir, SimpleMeterRegistry meters) {
    return newDriver(dir, meters, ProcessingGuarantee.EXACTLY_ONCE_V2);
  }

  private TopologyTestDriver newDriver(
      Path dir, SimpleMeterRegistry meters, ProcessingGuarantee guarantee) {
    ProcessorConfig config =
        ProcessorConfig.from(
            Settings.of(
                Map.of(
                    "kafka.bootstrap.servers",
                    "unused:9092",
                    "vigil.processor.application.id",
                    "vigil-test",
                    "vigil.processor.state.dir",
                    dir.toString(),
                    "vigil.processor.processing.guarantee",
                    guarantee.streamsValue())));
    ProcessorMetrics metrics = new ProcessorMetrics(meters);
    TopologyTestDriver created =
        new TopologyTestDriver(
            VigilTopology.build(config, clock, metrics),
            StreamsProperties.of(config, metrics),
            START);
    drivers.add(created);
    return created;
  }

  private static TestOutputTopic<String, Anomaly> anomaliesOf(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        "anomalies", new StringDeserializer(), JsonSerde.of(Anomaly.class).deserializer());
  }

  private EwmaState model(String key) {
    byte[] bytes = driver.<String, byte[]>getKeyValueStore(ScoringProcessor.MODEL_STORE).get(key);
    return new EwmaStateMapper().fromBytes(bytes);
  }

  private double counter(String name) {
    return registry.get(name).counter().count();
  }

  private double deadLetterCount(String stage, String reason) {
    return registry
        .get("vigil.processor.dead.letters")
        .tag("stage", stage)
        .tag("reason", reason)
        .counter()
        .count();
  }
}

package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.EwmaStateMapper;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.processor.config.ProcessingGuarantee;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.model.ModelCacheStore;
import io.vigil.processor.model.ModelRecord;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.IngestTime;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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
  void shouldMeasureScoringByPartitionDetectorAndLatency() {
    TestEvents.seriesWithSpike(SERIES, START, WARMUP, 30).forEach(e -> events.pipeInput(SERIES, e));
    TestRecord<String, byte[]> ingested =
        new TestRecord<>(SERIES, TestEvents.json(SERIES, START.plusSeconds(999), 50.0, "late"));
    ingested.headers().add(IngestTime.HEADER, IngestTime.encode(NOW.minusSeconds(2)));
    events.pipeInput(ingested);
    events.pipeInput("other", TestEvents.json("other", START, 1.0, "o1"));
    int scored = WARMUP + 31 + 2;

    assertThat(
            registry.get("vigil.processor.events.scored").tag("partition", "0").counter().count())
        .isEqualTo(scored);
    assertThat(
            registry
                .get("vigil.processor.anomalies")
                .tag("severity", "critical")
                .tag("detector", "ewma")
                .tag("partition", "0")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("vigil.detection.duration").tag("detector", "ewma").timer().count())
        .isEqualTo(scored);
    var scores = registry.get("vigil.processor.score.nines").tag("detector", "ewma").summary();
    assertThat(scores.count())
        .as("events of the series past the warm-up; 'other' is still in it")
        .isEqualTo(WARMUP + 32 - EwmaParameters.defaults().warmup());
    assertThat(scores.max()).as("the spike, a critical one").isGreaterThanOrEqualTo(9);
    assertThat(
            registry
                .get("vigil.processor.end.to.end.latency")
                .tag("from", "event_time")
                .timer()
                .count())
        .isEqualTo(scored);
    var fromIngest =
        registry
            .get("vigil.processor.end.to.end.latency")
            .tag("from", "ingest_time")
            .tag("partition", "0")
            .timer();
    assertThat(fromIngest.count()).isEqualTo(1);
    assertThat(fromIngest.totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2.0);
    assertThat(registry.get("vigil.processor.models.active").tag("partition", "0").gauge().value())
        .isEqualTo(2);
    assertThat(counter("vigil.processor.models.started")).isEqualTo(2);
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
  void shouldScoreKeysOfTheirOwnPartitionInPlaceAndRerouteOnlyTheOthersInBinary() {
    Placement placement = new Placement(2);
    String home = keyOwnedBy(placement, 0);
    String away = keyOwnedBy(placement, 1);
    TopologyTestDriver twoPartitions =
        TestDrivers.create(
            stateDir.resolve("two"),
            clock,
            START,
            registry,
            Map.of("vigil.processor.detector", "ewma", "vigil.processor.suppression", "0s"),
            placement.partitions());
    drivers.add(twoPartitions);
    // The driver reads every input record from partition 0.
    TestInputTopic<String, byte[]> input =
        twoPartitions.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    TestOutputTopic<String, byte[]> repartition =
        twoPartitions.createOutputTopic(
            "vigil-test-" + VigilTopology.REPARTITION + "-repartition",
            new StringDeserializer(),
            new ByteArrayDeserializer());
    TestEvents.seriesWithSpike(home, START, 20, 0).forEach(e -> input.pipeInput(home, e));
    TestEvents.seriesWithSpike(away, START, 10, 0).forEach(e -> input.pipeInput(away, e));

    List<TestRecord<String, byte[]>> rerouted = repartition.readRecordsToList();

    assertThat(rerouted).hasSize(11).extracting(TestRecord::key).containsOnly(away);
    var first = ScoringInputSerde.decode(rerouted.get(0).value());
    assertThat(first.event().key()).isEqualTo(away);
    assertThat(first.source()).isEqualTo(new SourcePosition("events", 0, 21));
    assertThat(TestDrivers.record(twoPartitions, home).observations()).isEqualTo(21);
    assertThat(TestDrivers.record(twoPartitions, away).observations()).isEqualTo(11);
    assertThat(counter("vigil.processor.events.rerouted")).isEqualTo(11);
    assertThat(counter("vigil.processor.events.scored")).isEqualTo(32);
  }

  @Test
  void shouldScoreBothPathsInOneSubTopologyWithARepartitionTopicOfTheEventsPartitions() {
    ProcessorConfig config =
        ProcessorConfig.from(
            io.vigil.runtime.config.Settings.of(
                Map.of(
                    "kafka.bootstrap.servers",
                    "unused:9092",
                    "vigil.processor.state.dir",
                    stateDir.toString())));
    var description =
        VigilTopology.build(
                config,
                clock,
                new io.vigil.processor.metrics.ProcessorMetrics(registry),
                new Placement(6))
            .describe();

    // The other sub-topology only routes reset requests into the scoring one.
    var scoring =
        description.subtopologies().stream()
            .filter(sub -> sub.toString().contains("Processor: score "))
            .toList();
    assertThat(scoring)
        .as("events and the repartition topics feed one scoring node, so one sub-topology")
        .hasSize(1);
    assertThat(scoring.get(0).toString())
        .contains("Source: events-source (topics: [events])")
        .contains("topics: [" + VigilTopology.REPARTITION + "-repartition]")
        .contains("topics: [" + VigilTopology.RESETS + "-repartition]");
    assertThat(description.subtopologies()).hasSize(2);
  }

  private static String keyOwnedBy(Placement placement, int partition) {
    for (int i = 0; ; i++) {
      String key = "series-" + i;
      if (placement.owner(key) == partition) {
        return key;
      }
    }
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
    assertThat(
            registry
                .get("vigil.processor.model.resets")
                .tag("reason", "unreadable")
                .counter()
                .count())
        .isEqualTo(1);
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

  @Test
  void shouldWriteTheCachedModelBackToTheStoreWhenTheTaskCommits() {
    TestEvents.seriesWithSpike("a", START, 20, 0).forEach(e -> events.pipeInput("a", e));

    // TopologyTestDriver commits after every record: the store holds what the cache holds.
    ModelCacheStore cache =
        ModelCacheStore.unwrap(driver.getKeyValueStore(ScoringProcessor.MODEL_STORE));
    ModelRecord stored = record(driver, "a");
    assertThat(stored).isEqualTo(cache.model("a"));
    assertThat(stored.observations()).isEqualTo(21);
    assertThat(stored.lastEventTime()).isEqualTo(START.plusSeconds(20));
    assertThat(stored.detector()).isEqualTo("ewma");
    assertThat(registry.get("vigil.processor.model.cache").tag("result", "miss").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("vigil.processor.model.cache").tag("result", "hit").counter().count())
        .isEqualTo(21);
    assertThat(registry.get("vigil.processor.models.cached").gauge().value()).isEqualTo(1);
  }

  @Test
  void shouldEvictTheLeastRecentlyUsedModelAndWriteItThrough() {
    TopologyTestDriver small =
        newDriver(
            stateDir.resolve("small"), registry, Map.of("vigil.processor.model.cache.size", "1"));
    TestInputTopic<String, byte[]> input =
        small.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());

    input.pipeInput("a", TestEvents.json("a", START, 1.0, "a1"));
    input.pipeInput("b", TestEvents.json("b", START, 2.0, "b1"));
    input.pipeInput("a", TestEvents.json("a", START.plusSeconds(1), 3.0, "a2"));

    assertThat(
            ModelCacheStore.unwrap(small.getKeyValueStore(ScoringProcessor.MODEL_STORE))
                .cachedModels())
        .isEqualTo(1);
    assertThat(record(small, "a").observations()).isEqualTo(2);
    assertThat(record(small, "b").observations()).isEqualTo(1);
    assertThat(registry.get("vigil.processor.model.cache.evictions").counter().count())
        .isEqualTo(2);
  }

  @Test
  void shouldDeleteModelsOfKeysIdleLongerThanTheTtl() {
    TopologyTestDriver ttl =
        newDriver(stateDir.resolve("ttl"), registry, Map.of("vigil.processor.model.ttl", "1h"));
    TestInputTopic<String, byte[]> input =
        ttl.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());

    Instant recent = START.plusSeconds(1800);
    Instant later = START.plus(Duration.ofHours(2));
    input.pipeInput("old", TestEvents.json("old", START, 1.0, "o1"), START);
    input.pipeInput("recent", TestEvents.json("recent", recent, 1.0, "r1"), recent);
    input.pipeInput("new", TestEvents.json("new", later, 1.0, "n1"), later);

    assertThat(record(ttl, "old")).isNull();
    assertThat(record(ttl, "recent")).isNull();
    assertThat(record(ttl, "new")).isNotNull();
    assertThat(registry.get("vigil.processor.models.evicted").counter().count()).isEqualTo(2);
  }

  @Test
  void shouldWriteEveryScoreOnlyWhenScoresAreEnabled() {
    TestEvents.seriesWithSpike("a", START, 60, 2).forEach(e -> events.pipeInput("a", e));
    TopologyTestDriver withScores =
        newDriver(
            stateDir.resolve("scores"),
            new SimpleMeterRegistry(),
            Map.of("vigil.processor.scores.enabled", "true"));
    TestInputTopic<String, byte[]> input =
        withScores.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    TestEvents.seriesWithSpike("a", START, 60, 2).forEach(e -> input.pipeInput("a", e));

    assertThat(scoresOf(driver).isEmpty()).isTrue();
    List<Score> scores = scoresOf(withScores).readValuesToList();
    assertThat(scores).hasSize(63);
    assertThat(scores)
        .filteredOn(Score::anomalous)
        .extracting(Score::timestamp)
        .containsExactly(TestEvents.spikeTime(START, 60));
    assertThat(scores.get(60).values()).containsExactly(Map.entry("value", TestEvents.SPIKE));
    assertThat(scores.get(60).source()).isEqualTo(new SourcePosition("events", 0, 60));
    // The band a chart draws: the spike left it, the event before it was inside.
    assertThat(scores.get(60).expected().get("value").upper()).isLessThan(TestEvents.SPIKE);
    Expected before = scores.get(59).expected().get("value");
    assertThat(scores.get(59).values().get("value")).isBetween(before.lower(), before.upper());
    assertThat(scores).allSatisfy(score -> assertThat(score.detector()).isEqualTo("ewma"));
  }

  @Test
  void shouldApplyANewConfigToAnExistingKeyWithoutResettingItsModel() {
    List<byte[]> series = TestEvents.seriesWithSpike("host-1/cpu", START, WARMUP, 0);
    series.subList(0, 100).forEach(e -> events.pipeInput(e));

    configs().pipeInput("host-*", config("host-*", 1000, "PT0S", 1));
    series.subList(100, series.size()).forEach(e -> events.pipeInput(e));

    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(record(driver, "host-1/cpu").observations()).isEqualTo(WARMUP + 1);
    assertThat(configCount("applied")).isEqualTo(1);
  }

  @Test
  void shouldRejectAnInvalidConfigAndKeepThePreviousOneInForce() {
    configs().pipeInput("host-*", config("host-*", 1000, "PT0S", 1));
    configs().pipeInput("host-*", config("host-*", 1000, "PT0S", 2).replace("0.99999", "2"));
    configs().pipeInput("host-*", config("host-*", 1000, "PT0S", 3).replace("ewma", "nope"));
    configs().pipeInput("db-*", config("host-*", 1, "PT0S", 1));

    TestEvents.seriesWithSpike("host-1/cpu", START, WARMUP, 0).forEach(e -> events.pipeInput(e));

    assertThat(anomalies.isEmpty()).isTrue();
    assertThat(configCount("applied")).isEqualTo(1);
    assertThat(configCount("rejected")).isEqualTo(3);
  }

  @Test
  void shouldScoreEachKeyWithItsMostSpecificConfig() {
    configs().pipeInput("*", config("*", 1000, "PT0S", 1));
    configs().pipeInput("host-*", config("host-*", 10, "PT0S", 1));
    configs().pipeInput("host-*/mem", config("host-*/mem", 1000, "PT0S", 1));

    TestEvents.seriesWithSpike("host-1/cpu", START, WARMUP, 0).forEach(e -> events.pipeInput(e));
    TestEvents.seriesWithSpike("host-1/mem", START, WARMUP, 0).forEach(e -> events.pipeInput(e));
    TestEvents.seriesWithSpike("db-1/cpu", START, WARMUP, 0).forEach(e -> events.pipeInput(e));

    assertThat(anomalies.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .containsExactly("host-1/cpu");
  }

  @Test
  void shouldSuppressRepeatedAnomaliesOfAKeyWithinTheWindow() {
    configs().pipeInput("*", config("*", 50, "PT60S", 1));
    List<byte[]> series = new ArrayList<>(TestEvents.seriesWithSpike("a", START, WARMUP, 0));
    series.add(
        TestEvents.json("a", START.plusSeconds(WARMUP + 30), TestEvents.SPIKE * 2, "second"));
    series.add(TestEvents.json("a", START.plusSeconds(WARMUP + 61), TestEvents.SPIKE * 4, "third"));

    series.forEach(e -> events.pipeInput(e));

    assertThat(anomalies.readValuesToList())
        .extracting(Anomaly::timestamp)
        .containsExactly(START.plusSeconds(WARMUP), START.plusSeconds(WARMUP + 61));
    assertThat(
            registry
                .get("vigil.processor.anomalies.suppressed")
                .tag("reason", "repeat")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(record(driver, "a").lastAnomaly().timestamp())
        .isEqualTo(START.plusSeconds(WARMUP + 61));
  }

  @Test
  void shouldScoreExactlyAsTheKeyScorerOfTheDefaultSetupDoes() {
    TopologyTestDriver defaults =
        newDriver(
            stateDir.resolve("defaults"),
            new SimpleMeterRegistry(),
            Map.of(
                "vigil.processor.scores.enabled", "true",
                "vigil.processor.detector", ProcessorConfig.DEFAULT_DETECTOR.configName(),
                "vigil.processor.suppression", ScoringPolicy.DEFAULT_SUPPRESSION.toString()));
    TestInputTopic<String, byte[]> input =
        defaults.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    List<double[]> series = TestEvents.seasonalWithSpike(600, 500);
    KeyScorer<?> direct =
        new KeyScorer<>(ProcessorConfig.DEFAULT_DETECTOR.create(), ScoringPolicy.defaults());
    List<Double> expected = directScores(direct, series);

    for (int i = 0; i < series.size(); i++) {
      Instant time = START.plusSeconds(60L * i);
      input.pipeInput("s", TestEvents.json("s", time, series.get(i)[0], "e" + i), time);
    }

    List<Score> scores = scoresOf(defaults).readValuesToList();
    assertThat(scores).extracting(Score::score).containsExactlyElementsOf(expected);
    assertThat(record(defaults, "s").detector())
        .isEqualTo(ProcessorConfig.DEFAULT_DETECTOR.configName());
    assertThat(anomaliesOf(defaults).readValuesToList())
        .extracting(Anomaly::timestamp)
        .containsExactly(START.plusSeconds(60L * 500));
  }

  @Test
  void shouldExplainTheAnomalyOfASpikeUnderTheDefaultSetupByItsBandOrWhatElseWasUnusual() {
    TopologyTestDriver defaults =
        newDriver(
            stateDir.resolve("defaults"),
            new SimpleMeterRegistry(),
            Map.of(
                "vigil.processor.detector", ProcessorConfig.DEFAULT_DETECTOR.configName(),
                "vigil.processor.suppression", ScoringPolicy.DEFAULT_SUPPRESSION.toString()));
    TestInputTopic<String, byte[]> input =
        defaults.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
    TestEvents.seriesWithSpike(SERIES, START, WARMUP, 30).forEach(e -> input.pipeInput(SERIES, e));

    List<Anomaly> emitted = anomaliesOf(defaults).readValuesToList();

    assertThat(emitted)
        .extracting(Anomaly::timestamp)
        .contains(TestEvents.spikeTime(START, WARMUP));
    assertThat(emitted)
        .allSatisfy(
            anomaly -> {
              assertThat(anomaly.detector()).isNotBlank();
              assertThat(anomaly.explanation()).isNotBlank();
              String feature =
                  anomaly.attribution().entrySet().stream()
                      .max(Map.Entry.comparingByValue())
                      .orElseThrow()
                      .getKey();
              double value = anomaly.values().get(feature);
              Expected band = anomaly.expected().get(feature);
              boolean outsideItsBand = value < band.lower() || value > band.upper();
              // Inside its band, an anomaly must name what else was unusual about it.
              assertThat(
                      outsideItsBand
                          || List.of("sustained", "new high", "new low", "jump", "flatline")
                              .stream()
                              .anyMatch(anomaly.explanation()::contains))
                  .as(
                      "%s=%s, band [%s, %s], explained as '%s'",
                      feature, value, band.lower(), band.upper(), anomaly.explanation())
                  .isTrue();
            });
  }

  private static <M> List<Double> directScores(KeyScorer<M> scorer, List<double[]> series) {
    List<Double> scores = new ArrayList<>();
    KeyState<M> state = scorer.newState();
    for (int i = 0; i < series.size(); i++) {
      KeyScorer.Step<M> step =
          scorer.score(state, Map.of("value", series.get(i)[0]), START.plusSeconds(60L * i));
      scores.add(step.decision().score());
      state = step.state();
    }
    return scores;
  }

  @Test
  void shouldScoreAKeyWithTheSetupItsConfigNames() {
    configs().pipeInput("host-*", config("host-*", 50, "PT0S", 1).replace("\"ewma\"", "\"rcf\""));
    events.pipeInput(TestEvents.json("host-1/cpu", START, 1.0, "h1"));
    events.pipeInput(TestEvents.json("db-1/cpu", START, 1.0, "d1"));

    assertThat(record(driver, "host-1/cpu").detector()).isEqualTo("rcf");
    assertThat(record(driver, "db-1/cpu").detector()).isEqualTo("ewma");
  }

  @Test
  void shouldRejectParametersForASetupThatTakesNone() {
    configs()
        .pipeInput(
            "host-*",
            config("host-*", 50, "PT0S", 1)
                .replace("\"ewma\"", "\"rcf\"")
                .replace("}", ",\"parameters\":{\"alpha\":0.1}}"));

    events.pipeInput(TestEvents.json("host-1/cpu", START, 1.0, "h1"));

    assertThat(configCount("rejected")).isEqualTo(1);
    assertThat(record(driver, "host-1/cpu").detector()).isEqualTo("ewma");
  }

  @Test
  void shouldLabelAnomaliesUnderTheReadmeConfigsWithTheProcessorBandsUnlessAConfigGivesItsOwn() {
    Map<String, String> readme = ReadmeExamples.detectorConfigs();
    assertThat(parsed("*", readme.get("*")).bands())
        .as("the README's '*' gives no bands")
        .isEmpty();
    readme.forEach((pattern, json) -> configs().pipeInput(pattern, json));
    // '*' has no severity bands and suppresses for 6 h: spikes of growing size come 40 ten-minute
    // steps apart, on a daily cycle the seasonal member has learnt for four days.
    Map<Integer, Double> spikes = new HashMap<>();
    double[] sigmas = {6, 8, 10, 14, 20, 40};
    for (int i = 0; i < sigmas.length; i++) {
      spikes.put(600 + 40 * i, sigmas[i]);
    }
    pipeSeries("web-1/latency", TestEvents.seasonal(840, 144, spikes), Duration.ofMinutes(10));
    // 'host-*/cpu' gives its own bands; its suppression is one minute.
    pipeSeries(
        "host-1/cpu",
        TestEvents.seasonal(700, 3600, Map.of(200, 4.5, 300, 5.0, 400, 6.0, 500, 8.0, 600, 12.0)),
        Duration.ofSeconds(1));

    assertThat(configCount("applied")).isEqualTo(readme.size());
    List<Anomaly> emitted = anomalies.readValuesToList();
    List<Anomaly> byDefault = emitted.stream().filter(a -> a.key().startsWith("web-")).toList();
    assertThat(byDefault)
        .allSatisfy(a -> assertThat(a.severity()).isEqualTo(severity(SeverityBands.defaults(), a)));
    assertThat(byDefault.stream().map(Anomaly::severity).distinct())
        .as("weaker and stronger spikes, not all critical")
        .contains(Severity.CRITICAL)
        .hasSizeGreaterThan(1);
    io.vigil.schemas.config.SeverityBands given =
        parsed("host-*/cpu", readme.get("host-*/cpu")).bands().orElseThrow();
    SeverityBands own = new SeverityBands(given.medium(), given.high(), given.critical());
    assertThat(own).isNotEqualTo(SeverityBands.defaults());
    List<Anomaly> byOwnBands = emitted.stream().filter(a -> a.key().startsWith("host-")).toList();
    assertThat(byOwnBands).allSatisfy(a -> assertThat(a.severity()).isEqualTo(severity(own, a)));
    assertThat(byOwnBands.stream().map(Anomaly::severity).distinct()).hasSizeGreaterThan(1);
  }

  @Test
  void shouldRejectAConfigWhoseBandsDecrease() {
    configs()
        .pipeInput(
            "host-*",
            config("host-*", 50, "PT0S", 1)
                .replace("}", ",\"severity\":{\"medium\":0.9999,\"high\":0.999,\"critical\":1}}"));

    assertThat(configCount("rejected")).isEqualTo(1);
    assertThat(
            registry.find("vigil.processor.detector.configs").tag("outcome", "applied").counter())
        .isNull();
  }

  /** Pipes {@code values} {@code step} apart, the last one just before the clock's now. */
  private void pipeSeries(String key, List<double[]> values, Duration step) {
    for (int i = 0; i < values.size(); i++) {
      Instant time = NOW.minus(step.multipliedBy(values.size() - i));
      events.pipeInput(key, TestEvents.json(key, time, values.get(i)[0], key + "-" + i), time);
    }
  }

  private static DetectorConfig parsed(String key, String json) {
    var parsed = new DetectorConfigParser().parse(key, json.getBytes(StandardCharsets.UTF_8));
    return ((ParseResult.Accepted<DetectorConfig>) parsed).value();
  }

  private static Severity severity(SeverityBands bands, Anomaly anomaly) {
    return Severity.valueOf(bands.levelOf(anomaly.score()).name());
  }

  private TestInputTopic<String, String> configs() {
    return driver.createInputTopic(
        "detector-config", new StringSerializer(), new StringSerializer());
  }

  private static String config(String pattern, int warmup, String suppression, int version) {
    return ("{\"pattern\":\""
        + pattern
        + "\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":"
        + warmup
        + ",\"suppression\":\""
        + suppression
        + "\",\"version\":"
        + version
        + "}");
  }

  private double configCount(String outcome) {
    return registry
        .get("vigil.processor.detector.configs")
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private static TestOutputTopic<String, Score> scoresOf(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        "scores", new StringDeserializer(), JsonSerde.of(Score.class).deserializer());
  }

  private TopologyTestDriver newDriver(Path dir, SimpleMeterRegistry meters) {
    return newDriver(dir, meters, ProcessingGuarantee.EXACTLY_ONCE_V2);
  }

  private TopologyTestDriver newDriver(
      Path dir, SimpleMeterRegistry meters, ProcessingGuarantee guarantee) {
    return newDriver(
        dir, meters, Map.of("vigil.processor.processing.guarantee", guarantee.streamsValue()));
  }

  private TopologyTestDriver newDriver(
      Path dir, SimpleMeterRegistry meters, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    // Most cases here are about the topology, on the small, fast EWMA setup without suppression.
    all.putIfAbsent("vigil.processor.detector", "ewma");
    all.putIfAbsent("vigil.processor.suppression", "0s");
    TopologyTestDriver created = TestDrivers.create(dir, clock, START, meters, all);
    drivers.add(created);
    return created;
  }

  private static TestOutputTopic<String, Anomaly> anomaliesOf(TopologyTestDriver driver) {
    return driver.createOutputTopic(
        "anomalies", new StringDeserializer(), JsonSerde.of(Anomaly.class).deserializer());
  }

  private EwmaState model(String key) {
    return (EwmaState) record(driver, key).model();
  }

  private static ModelRecord record(TopologyTestDriver driver, String key) {
    return TestDrivers.record(driver, key);
  }

  private double counter(String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
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

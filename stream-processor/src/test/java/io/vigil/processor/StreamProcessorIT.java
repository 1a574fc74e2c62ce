package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyId;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor against the real embedded broker, exactly-once, across a restart. */
@WithLocalStack
class StreamProcessorIT {
  private static final int PARTITIONS = 3;
  private static final int WARMUP = 120;
  private static final int AFTER = 20;
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final JsonSerde<Anomaly> ANOMALIES = JsonSerde.of(Anomaly.class);

  private final LocalStack stack;
  private Topics topics;
  private Map<String, String> settings;
  @TempDir Path stateDir;

  StreamProcessorIT(LocalStack stack) {
    this.stack = stack;
  }

  @BeforeEach
  void createTopics() {
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    topics = Topics.withPrefix(prefix);
    settings =
        Map.of(
            "kafka.bootstrap.servers",
            stack.kafkaBootstrapServers(),
            "vigil.topic.prefix",
            prefix,
            "vigil.topics.partitions",
            Integer.toString(PARTITIONS),
            "vigil.processor.application.id",
            prefix + "processor",
            "vigil.processor.state.dir",
            stateDir.toString(),
            // The small EWMA setup, without suppression: these cases are about restarts and
            // queries.
            "vigil.processor.detector",
            "ewma",
            "vigil.processor.suppression",
            "0s",
            "vigil.http.host",
            "127.0.0.1",
            "vigil.http.port",
            "0");
    new TopicProvisioner(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))
        .ensure(
            List.of(
                new NewTopic(topics.events().name(), PARTITIONS, (short) 1),
                new NewTopic(topics.eventsDeadLetter().name(), PARTITIONS, (short) 1),
                new NewTopic(topics.anomalies().name(), PARTITIONS, (short) 1)));
  }

  @Test
  void shouldDetectTheSpikeOnceAndKeepTheModelAcrossARestart() throws Exception {
    String series = "it-host/cpu";
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    List<byte[]> events = TestEvents.seriesWithSpike(series, start, WARMUP, AFTER);
    produce(events, i -> i % 2 == 0 ? null : series);
    ProcessorConfig config = ProcessorConfig.from(Settings.of(settings));

    try (ProcessorApplication app = ProcessorApplication.start(config, Clock.systemUTC())) {
      awaitScored(app, events.size());
    }
    // A clean close commits the open transaction, so everything scored is now visible.
    List<Anomaly> first = readCommitted();

    Instant spikeTime = TestEvents.spikeTime(start, WARMUP);
    assertThat(first).hasSize(1);
    Anomaly anomaly = first.get(0);
    assertThat(anomaly.id()).isEqualTo(AnomalyId.of(series, spikeTime, "spike", "ewma"));
    assertThat(anomaly.key()).isEqualTo(series);
    assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(anomaly.source().topic()).isEqualTo(topics.events().name());
    assertThat(anomaly.source().offset()).isNotNegative();

    Instant secondSpike = start.plusSeconds(WARMUP + AFTER + 1);
    try (ProcessorApplication restarted = ProcessorApplication.start(config, Clock.systemUTC())) {
      awaitReady(restarted);
      produce(
          List.of(TestEvents.json(series, secondSpike, TestEvents.SPIKE, "spike-2")), i -> series);
      awaitScored(restarted, 1);
      assertThat(scored(restarted)).as("nothing already committed is scored again").isEqualTo(1);
      int observed = events.size() + 1;
      await()
          .atMost(PATIENCE)
          .alias("the restored model went on counting instead of starting over")
          .until(
              () ->
                  get(restarted, "/v1/models/" + series)
                      .body()
                      .contains("\"observations\":" + observed + ","));
    }

    assertThat(readCommitted())
        .as("the first anomaly is not repeated, and the restored model flags the new spike")
        .extracting(Anomaly::id)
        .containsExactly(anomaly.id(), AnomalyId.of(series, secondSpike, "spike-2", "ewma"));
  }

  @Test
  void shouldServeHealthAndMetricsAndDeadLetterInvalidInput() throws Exception {
    byte[] invalid = "{\"key\":\"it/x\",\"value\":\"high\"}".getBytes(StandardCharsets.UTF_8);
    produce(List.of(invalid), i -> "it/x");
    ProcessorConfig config = ProcessorConfig.from(Settings.of(settings));

    try (ProcessorApplication app = ProcessorApplication.start(config, Clock.systemUTC());
        CommittedReader deadLetters =
            new CommittedReader(
                stack.kafkaBootstrapServers(), topics.eventsDeadLetter().name(), PARTITIONS)) {
      awaitReady(app);
      AtomicReference<List<ConsumerRecord<String, byte[]>>> letters = new AtomicReference<>();
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                letters.set(deadLetters.poll());
                return !letters.get().isEmpty() && deadLetters.caughtUp();
              });

      assertThat(letters.get()).hasSize(1);
      ConsumerRecord<String, byte[]> letter = letters.get().get(0);
      assertThat(letter.key()).isEqualTo("it/x");
      assertThat(letter.value()).isEqualTo(invalid);
      DeadLetter header = DeadLetter.readFrom(letter.headers());
      assertThat(header.stage()).isEqualTo("processor.parse");
      assertThat(header.reason()).isEqualTo("/timestamp: required");
      assertThat(header.sourceTopic()).isEqualTo(topics.events().name());
      assertThat(header.sourceOffset()).isZero();

      HttpResponse<String> metrics = get(app, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("kafka_stream_thread_")
          .contains("vigil_processor_events_scored_total")
          .containsPattern(
              "vigil_processor_dead_letters_total\\{[^}]*reason=\"invalid_timestamp\"[^}]*} 1\\.0");
      assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldAnswerAModelQueryFromEveryInstanceWithTheOwnersModel() throws Exception {
    List<String> keys = List.of("q-0/cpu", "q-1/cpu", "q-2/cpu", "q-3/cpu", "q-4/cpu", "q-5/cpu");
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    List<byte[]> events = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (String key : keys) {
        events.add(TestEvents.json(key, start.plusSeconds(i), 50.0 + i, key + "-" + i));
      }
    }
    Map<String, String> first = new java.util.HashMap<>(settings);
    first.put("vigil.processor.state.dir", stateDir.resolve("first").toString());
    Map<String, String> second = new java.util.HashMap<>(settings);
    second.put("vigil.processor.state.dir", stateDir.resolve("second").toString());

    try (ProcessorApplication a =
            ProcessorApplication.start(
                ProcessorConfig.from(Settings.of(first)), Clock.systemUTC());
        ProcessorApplication b =
            ProcessorApplication.start(
                ProcessorConfig.from(Settings.of(second)), Clock.systemUTC())) {
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  a.state() == KafkaStreams.State.RUNNING
                      && b.state() == KafkaStreams.State.RUNNING);
      produce(events, i -> null);

      for (String key : keys) {
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    get(a, "/v1/models/" + key).body().contains("\"observations\":10,")
                        && get(b, "/v1/models/" + key).body().contains("\"observations\":10,"));
        HttpResponse<String> fromA = get(a, "/v1/models/" + key);
        HttpResponse<String> fromB = get(b, "/v1/models/" + key);
        assertThat(fromA.statusCode()).isEqualTo(200);
        assertThat(fromB.statusCode()).isEqualTo(200);
        assertThat(fromA.body()).isEqualTo(fromB.body()).contains("\"key\":\"" + key + "\"");
        assertThat(fromA.body()).contains("\"detector\":\"ewma\"").contains("\"baseline\":");
      }
      assertThat(get(a, "/v1/models/unknown/key").statusCode()).isEqualTo(404);
      assertThat(get(b, "/v1/models/unknown/key").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void shouldScoreEveryEventOfAKeyInOneTaskWhicheverWayItWasPartitioned() throws Exception {
    List<String> keys = new java.util.ArrayList<>();
    for (int k = 0; k < 12; k++) {
      keys.add("part-" + k + "/cpu");
    }
    int perKey = 40;
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    java.util.Random random = new java.util.Random(11);
    List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
    for (int i = 0; i < perKey; i++) {
      for (String key : keys) {
        byte[] event = TestEvents.json(key, start.plusSeconds(i), 50.0 + i % 3, key + "-" + i);
        String topic = topics.events().name();
        records.add(
            switch ((i + key.hashCode()) % 4) {
              // Java's default partitioner: the key's own partition, scored where it is read.
              case 0 -> new ProducerRecord<>(topic, key, event);
              // librdkafka's default (consistent_random): CRC32 of the key.
              case 1 -> new ProducerRecord<>(topic, librdkafkaPartition(key), key, event);
              // No record key: librdkafka picks a random partition.
              case 2 -> new ProducerRecord<>(topic, random.nextInt(PARTITIONS), null, event);
              // Another record key than the series key.
              default -> new ProducerRecord<>(topic, "host-" + i, event);
            });
      }
    }
    Map<String, String> withScores = new java.util.HashMap<>(settings);
    withScores.put("vigil.processor.scores.enabled", "true");
    new TopicProvisioner(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))
        .ensure(List.of(new NewTopic(topics.scores().name(), PARTITIONS, (short) 1)));
    produceRecords(records);

    try (ProcessorApplication app =
        ProcessorApplication.start(
            ProcessorConfig.from(Settings.of(withScores)), Clock.systemUTC())) {
      awaitScored(app, records.size());
      for (String key : keys) {
        await()
            .atMost(PATIENCE)
            .alias("one model saw every event of " + key)
            .until(
                () ->
                    get(app, "/v1/models/" + key)
                        .body()
                        .contains("\"observations\":" + perKey + ","));
      }
      String metrics = get(app, "/metrics").body();
      double rerouted = TestHttp.sum(metrics, "vigil_processor_events_rerouted_total");
      assertThat(rerouted)
          .as("only the misplaced events took the repartition hop")
          .isPositive()
          .isLessThan(records.size());
    }
    Map<String, Long> scoresByKey = new java.util.HashMap<>();
    for (ConsumerRecord<String, byte[]> score : readAll(topics.scores().name())) {
      scoresByKey.merge(score.key(), 1L, Long::sum);
    }
    assertThat(scoresByKey)
        .as("every event scored exactly once, under its series key")
        .hasSize(keys.size())
        .allSatisfy((key, count) -> assertThat(count).isEqualTo(perKey));
  }

  /** The partition librdkafka's default partitioner (consistent_random) gives a keyed record. */
  private static int librdkafkaPartition(String key) {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % PARTITIONS);
  }

  private void awaitScored(ProcessorApplication app, int expected) {
    await().atMost(PATIENCE).until(() -> scored(app) >= expected);
  }

  private List<Anomaly> readCommitted() {
    return readAll(topics.anomalies().name()).stream()
        .map(r -> ANOMALIES.fromBytes(r.value()))
        .toList();
  }

  /** Every committed record of {@code topic}. */
  private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    AtomicReference<List<ConsumerRecord<String, byte[]>>> read = new AtomicReference<>();
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), topic, PARTITIONS)) {
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                read.set(reader.poll());
                return reader.caughtUp();
              });
    }
    return read.get();
  }

  private void awaitReady(ProcessorApplication app) {
    await().atMost(PATIENCE).until(() -> get(app, "/health/ready").statusCode() == 200);
    assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
  }

  private void produce(List<byte[]> values, java.util.function.IntFunction<String> key) {
    List<ProducerRecord<String, byte[]>> records = new java.util.ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      records.add(new ProducerRecord<>(topics.events().name(), key.apply(i), values.get(i)));
    }
    produceRecords(records);
  }

  private void produceRecords(List<ProducerRecord<String, byte[]>> records) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  private double scored(ProcessorApplication app) throws Exception {
    return TestHttp.eventsScored(app.adminPort());
  }

  private HttpResponse<String> get(ProcessorApplication app, String path) throws Exception {
    return TestHttp.get(app.adminPort(), path);
  }
}

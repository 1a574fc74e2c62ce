package io.vigil.launcher.nab;

import io.vigil.detect.pipeline.Decision;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.ingest.replay.ReplayFormat;
import io.vigil.ingest.replay.ReplayInput;
import io.vigil.ingest.replay.ReplayProgress;
import io.vigil.ingest.replay.ReplaySpeed;
import io.vigil.ingest.replay.ReplaySummary;
import io.vigil.ingest.replay.Replayer;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.EventLimitsSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Scores a NAB corpus through the real pipeline: every file is replayed by the ingest connector's
 * {@link Replayer} into the events topic (one key per file, event time from the rows), the stream
 * processor scores it with the scores topic on, and every row's score is read back from that topic.
 * The processor's default scoring policy and the given setup apply, as in the direct run, so both
 * must give the same scores.
 */
public final class PipelineScores {
  private final Map<String, String> kafkaClient;
  private final Clock clock;
  private final Duration timeout;

  /**
   * @param kafkaClient the Kafka cluster to run on: {@code bootstrap.servers} and any other client
   *     settings, e.g. SASL_SSL ones (topics get a fresh prefix)
   * @param timeout how long to wait for every score after the replay
   */
  public PipelineScores(Map<String, String> kafkaClient, Clock clock, Duration timeout) {
    this.kafkaClient = Map.copyOf(kafkaClient);
    this.clock = clock;
    this.timeout = timeout;
  }

  /**
   * The alertable score ({@link Decision#alertableScore(double, boolean, boolean)}) of every row of
   * every file of {@code corpus}, by file, in row order.
   *
   * @throws IllegalStateException if not every score arrives within the timeout
   */
  public Map<String, double[]> score(Corpus corpus, DetectorCatalog setup) {
    String prefix = "nab-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> settings = new HashMap<>();
    kafkaClient.forEach((key, value) -> settings.put("kafka." + key, value));
    settings.put("vigil.topic.prefix", prefix);
    settings.put("vigil.processor.application.id", prefix + "processor");
    settings.put("vigil.processor.detector", setup.configName());
    settings.put("vigil.processor.scores.enabled", "true");
    settings.put("vigil.processor.state.dir", tempDir().toString());
    // NAB's rows are from 2013-2015 and later rows may be far apart: accept any past time.
    settings.put("vigil.events.max.age", "36500d");
    settings.put("vigil.http.host", "127.0.0.1");
    settings.put("vigil.http.port", "0");
    Settings all = Settings.of(settings);
    ProcessorConfig processor = ProcessorConfig.from(all);
    Map<String, Integer> rows = new LinkedHashMap<>();
    List<ReplayInput> inputs = new ArrayList<>();
    for (String file : corpus.files()) {
      rows.put(file, corpus.series(file).size());
      inputs.add(input(corpus, file));
    }
    createTopicsKeptForever(Topics.withPrefix(prefix), processor.kafka().partitions());
    try (ProcessorApplication app = ProcessorApplication.start(processor, clock)) {
      try (Replayer replayer =
          Replayer.open(KafkaSettings.from(all), EventLimitsSettings.from(all), clock)) {
        ReplaySummary summary = replayer.replay(inputs, ReplaySpeed.MAX, ReplayProgress.NONE);
        if (summary.failed() > 0 || summary.deadLettered() > 0) {
          throw new IllegalStateException(
              "replay lost rows: "
                  + summary.failed()
                  + " not acknowledged, "
                  + summary.deadLettered()
                  + " dead-lettered");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the corpus", e);
      }
      return readScores(Topics.withPrefix(prefix).scores(), rows);
    }
  }

  /**
   * NAB's rows are years old and records carry their event time: with the default time-based
   * retention the broker would delete them (and their scores) before they are read.
   */
  private void createTopicsKeptForever(Topics topics, int partitions) {
    Map<String, String> forever = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1");
    new TopicProvisioner(kafkaClient)
        .ensure(
            List.of(topics.events(), topics.eventsDeadLetter(), topics.anomalies(), topics.scores())
                .stream()
                .map(topic -> new NewTopic(topic.name(), partitions, (short) 1).configs(forever))
                .toList());
  }

  private static ReplayInput input(Corpus corpus, String file) {
    try {
      return ReplayInput.file(corpus.root().resolve("data").resolve(file), ReplayFormat.CSV, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Map<String, double[]> readScores(Topic<String, Score> topic, Map<String, Integer> rows) {
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    rows.keySet().forEach(file -> scores.put(file, new ArrayList<>()));
    long expected = rows.values().stream().mapToLong(Integer::longValue).sum();
    long received = 0;
    Instant deadline = clock.instant().plus(timeout);
    Map<String, Object> consumerConfig = new HashMap<>(kafkaClient);
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<String, Score> consumer =
        new KafkaConsumer<>(
            consumerConfig, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (received < expected) {
        if (clock.instant().isAfter(deadline)) {
          throw new IllegalStateException(
              "only " + received + " of " + expected + " scores arrived within " + timeout);
        }
        for (ConsumerRecord<String, Score> record : consumer.poll(Duration.ofMillis(500))) {
          Score score = record.value();
          List<Double> list = scores.get(score.key());
          if (list == null) {
            throw new IllegalStateException("score of an unknown series " + score.key());
          }
          list.add(Decision.alertableScore(score.score(), score.warmingUp(), score.suppressed()));
          received++;
        }
      }
    }
    Map<String, double[]> result = new LinkedHashMap<>();
    scores.forEach(
        (file, list) -> result.put(file, list.stream().mapToDouble(Double::doubleValue).toArray()));
    return result;
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("vigil-nab-processor");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a state directory", e);
    }
  }
}

package io.vigil.processor.backtest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.rocksdb.RocksDbMemory;
import io.vigil.processor.topology.Placement;
import io.vigil.processor.topology.Sources;
import io.vigil.processor.topology.VigilTopology;
import io.vigil.runtime.kafka.DurableProducers;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One temporary Kafka Streams application that scores a range of the events topic with the live
 * topology ({@link VigilTopology}) and one set of detector configs. Everything it owns is named
 * {@code <application id>-…}: the topics it writes (anomalies, scores, dead letters, an empty
 * model-resets topic, a candidate's detector configs), the internal repartition and changelog
 * topics Kafka Streams creates, and its consumer group. It starts at the range's first offsets,
 * committed for the fresh group before Kafka Streams starts, stops once its committed offsets have
 * passed the range's end on every partition and its repartition topics are drained, reads back what
 * it wrote, then deletes all of it and its state directory, also when it failed.
 */
final class BacktestRun {
  private static final Logger log = LoggerFactory.getLogger(BacktestRun.class);
  private static final Duration CHECK = Duration.ofMillis(250);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * What one run produced.
   *
   * @param eventsByKey events scored per series key (its score records)
   * @param settings the detector settings the run scored with, to map keys to patterns
   */
  record Result(
      Candidate candidate,
      List<Anomaly> anomalies,
      Map<String, Long> eventsByKey,
      KeySettingsRegistry settings,
      Duration took) {}

  private final ProcessorConfig live;
  private final Candidate candidate;
  private final String applicationId;
  private final EventRange range;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Object> client;

  BacktestRun(
      ProcessorConfig live,
      Candidate candidate,
      String applicationId,
      EventRange range,
      Duration timeout,
      Clock clock) {
    this.live = live;
    this.candidate = candidate;
    this.applicationId = applicationId;
    this.range = range;
    this.timeout = timeout;
    this.clock = clock;
    this.client = live.kafka().clientConfig();
  }

  Result run() throws IOException, ExecutionException, InterruptedException {
    Instant started = clock.instant();
    Path stateDir = Files.createTempDirectory("vigil-backtest-");
    ProcessorConfig config = live.temporary(applicationId, applicationId + "-", stateDir, true);
    Topics topics = config.topics();
    ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    KeySettingsRegistry settings = VigilTopology.detectorSettings(config);
    KafkaStreams streams = null;
    RocksDbMemory memory = RocksDbMemory.of(config.rocksDbMemoryBytes());
    try (Admin admin = Admin.create(client)) {
      String configTopic = createTopics(topics);
      admin
          .alterConsumerGroupOffsets(
              applicationId,
              range.partitions().values().stream()
                  .collect(
                      Collectors.toMap(
                          r -> new TopicPartition(range.topic(), r.partition()),
                          r -> new OffsetAndMetadata(r.start()))))
          .all()
          .get();
      Sources sources =
          new Sources(range.topic(), configTopic, Optional.of(() -> new RangeFilter(range)));
      Properties properties = StreamsProperties.of(config, metrics.errors());
      properties.putAll(memory.streamsProperties());
      streams =
          new KafkaStreams(
              VigilTopology.build(
                  config,
                  clock,
                  metrics,
                  settings,
                  new Placement(range.partitions().size()),
                  sources),
              properties);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      streams.setUncaughtExceptionHandler(
          e -> {
            failure.compareAndSet(null, e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          });
      streams.start();
      awaitEnd(admin, streams, failure);
      closeStreams(streams);
      TopicReader reader = new TopicReader(client);
      JsonSerde<Anomaly> anomalies = JsonSerde.of(Anomaly.class);
      List<Anomaly> found = new ArrayList<>();
      reader.read(
          topics.anomalies().name(),
          r -> found.add(anomalies.deserializer().deserialize(r.topic(), r.value())));
      found.sort(Comparator.comparing(Anomaly::timestamp).thenComparing(Anomaly::key));
      Map<String, Long> events = new HashMap<>();
      reader.read(topics.scores().name(), r -> events.merge(r.key(), 1L, Long::sum));
      return new Result(
          candidate,
          List.copyOf(found),
          Map.copyOf(events),
          settings,
          Duration.between(started, clock.instant()));
    } finally {
      // An interrupted run (Ctrl-C) still cleans up: the admin calls below need the flag clear.
      boolean interrupted = Thread.interrupted();
      if (streams != null) {
        KafkaStreams s = streams;
        quietly("Kafka Streams", () -> closeStreams(s));
        quietly("local state", s::cleanUp);
      }
      quietly("RocksDB memory", memory::close);
      quietly("topics and group", this::deleteOwned);
      quietly("state directory", () -> delete(stateDir));
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Creates the run's topics; returns the detector-config topic it reads. */
  private String createTopics(Topics topics) {
    int partitions = range.partitions().size();
    short replication = live.kafka().replicationFactor();
    List<NewTopic> created = new ArrayList<>();
    created.add(new NewTopic(topics.anomalies().name(), partitions, replication));
    created.add(new NewTopic(topics.scores().name(), partitions, replication));
    created.add(new NewTopic(topics.eventsDeadLetter().name(), partitions, replication));
    // Read by the topology; empty, so no live reset request touches the run's models.
    created.add(new NewTopic(topics.modelResets().name(), 1, replication));
    String liveConfigs = live.topics().detectorConfig().name();
    if (!candidate.overlays()) {
      new TopicProvisioner(client).ensure(created);
      return liveConfigs;
    }
    String own = topics.detectorConfig().name();
    created.add(
        new NewTopic(own, 1, replication)
            .configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    new TopicProvisioner(client).ensure(created);
    Map<String, byte[]> configs = new LinkedHashMap<>();
    new TopicReader(client)
        .read(
            liveConfigs,
            r -> {
              if (r.key() != null) {
                configs.put(r.key(), r.value());
              }
            });
    candidate.configs().forEach(c -> configs.put(c.pattern(), c.value()));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            DurableProducers.config(client), new StringSerializer(), new ByteArraySerializer())) {
      configs.forEach(
          (pattern, value) -> {
            if (value != null) {
              producer.send(new ProducerRecord<>(own, pattern, value));
            }
          });
      producer.flush();
    }
    return own;
  }

  private void awaitEnd(Admin admin, KafkaStreams streams, AtomicReference<Throwable> failure)
      throws ExecutionException, InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (!reachedEnd(admin)) {
      if (failure.get() != null) {
        throw new IllegalStateException(
            "backtest " + applicationId + " failed: " + failure.get(), failure.get());
      }
      KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
        throw new IllegalStateException("backtest " + applicationId + " stopped: " + state);
      }
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException(
            "backtest " + applicationId + " did not reach the end of its range in " + timeout);
      }
      Thread.sleep(CHECK.toMillis());
    }
  }

  /**
   * Committed offsets (under exactly-once, those of committed transactions) at or past the range's
   * end on every events partition, and every repartition topic read to its end: then every event of
   * the range was scored and every output of it committed. The range filter drops what the consumer
   * reads past the end, so the repartition topics get nothing more.
   */
  private boolean reachedEnd(Admin admin) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    for (PartitionRange r : range.partitions().values()) {
      OffsetAndMetadata c = committed.get(new TopicPartition(range.topic(), r.partition()));
      if (c == null || c.offset() < r.end()) {
        return false;
      }
    }
    List<String> repartition =
        owned(admin).stream().filter(t -> t.endsWith("-repartition")).toList();
    if (repartition.isEmpty()) {
      return true;
    }
    Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
    admin
        .describeTopics(repartition)
        .allTopicNames()
        .get()
        .forEach(
            (name, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            specs.put(
                                new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    var ends =
        admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    return ends.entrySet().stream()
        .allMatch(
            e -> {
              OffsetAndMetadata c = committed.get(e.getKey());
              return (c == null ? 0 : c.offset()) >= e.getValue().offset();
            });
  }

  private Set<String> owned(Admin admin) throws ExecutionException, InterruptedException {
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(applicationId + "-"))
        .collect(Collectors.toSet());
  }

  /** Its topics (own and internal) and its consumer group. */
  private void deleteOwned() {
    try (Admin admin = Admin.create(client)) {
      Set<String> topics = owned(admin);
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get();
      }
      admin.deleteConsumerGroups(List.of(applicationId)).all().get();
      log.info("backtest {}: deleted its group and topics {}", applicationId, topics);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().toString(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void closeStreams(KafkaStreams streams) {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT));
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void quietly(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("backtest {}: cleaning up the {} failed: {}", applicationId, what, e.toString());
    }
  }
}

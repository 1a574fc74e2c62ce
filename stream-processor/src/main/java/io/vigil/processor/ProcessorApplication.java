package io.vigil.processor;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.control.ResetApi;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.errors.StreamThreadFailureHandler;
import io.vigil.processor.errors.StreamThreadProgress;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.model.ModelCodec;
import io.vigil.processor.query.ModelQueries;
import io.vigil.processor.query.ModelSummaries;
import io.vigil.processor.rocksdb.RocksDbMemory;
import io.vigil.processor.topology.Placement;
import io.vigil.processor.topology.VigilTopology;
import io.vigil.runtime.BackgroundThreads;
import io.vigil.runtime.Closer;
import io.vigil.runtime.http.AdminServer;
import io.vigil.runtime.kafka.ConsumerGroupLagMetrics;
import io.vigil.runtime.kafka.DeadLetterLimits;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.runtime.metrics.ServiceMetrics;
import io.vigil.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running stream processor: topics provisioned, Kafka Streams started, metrics and health
 * served. {@link #close()} stops Kafka Streams (leaving the group, so the remaining instances take
 * over at once), then the admin server, then the metrics.
 */
public final class ProcessorApplication implements AutoCloseable {
  public static final String SERVICE_NAME = "stream-processor";
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ProcessorApplication.class);

  private final Closer parts;
  private final ProcessorMetrics metrics;
  private final KafkaStreams streams;
  private final AdminServer adminServer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProcessorApplication(
      Closer parts, ProcessorMetrics metrics, KafkaStreams streams, AdminServer adminServer) {
    this.parts = parts;
    this.metrics = metrics;
    this.streams = streams;
    this.adminServer = adminServer;
  }

  /** Provisions topics (when configured), starts Kafka Streams and the admin server. */
  public static ProcessorApplication start(ProcessorConfig config, Clock clock) {
    // Closed in reverse: Kafka Streams before the admin server, the RocksDB memory and the metrics.
    Closer parts = new Closer("stream processor");
    ServiceMetrics serviceMetrics = parts.register("metrics", ServiceMetrics.create(SERVICE_NAME));
    ProcessorMetrics metrics = new ProcessorMetrics(serviceMetrics.registry());
    try {
      TopicProvisioner provisioner = new TopicProvisioner(config.kafka().clientConfig());
      if (config.kafka().createTopics()) {
        provisioner.ensure(topics(config));
      }
      Placement placement = new Placement(provisioner.partitions(config.topics().events().name()));
      KeySettingsRegistry detectorSettings = VigilTopology.detectorSettings(config);
      Topology topology = VigilTopology.build(config, clock, metrics, detectorSettings, placement);
      log.debug("topology:\n{}", topology.describe());

      RocksDbMemory memory =
          parts.register("RocksDB memory", RocksDbMemory.of(config.rocksDbMemoryBytes()));
      Properties properties =
          StreamsProperties.of(
              config,
              metrics.errors(),
              DeadLetterLimits.forTopic(
                  config.kafka().clientConfig(),
                  "producer.",
                  config.topics().eventsDeadLetter().name()));
      properties.putAll(memory.streamsProperties());
      // Reads the Kafka Streams client created below, once readiness or the gauge first asks.
      AtomicReference<KafkaStreams> client = new AtomicReference<>();
      StreamThreadProgress progress =
          new StreamThreadProgress(
              () ->
                  client.get() == null
                      ? Map.of()
                      : StreamThreadProgress.commitTotals(client.get().metrics()));
      progress.bindTo(serviceMetrics.registry());
      StreamsReadiness readiness = new StreamsReadiness(progress);
      AtomicReference<ModelQueries> queries = new AtomicReference<>();
      ResetApi resetApi =
          parts.register(
              "model reset API",
              ResetApi.open(
                  config.apiKeys(),
                  config.topics().modelResets().name(),
                  config.kafka().clientConfig()));
      // The admin server starts first: application.server needs its port (0 = any free one).
      AdminServer admin =
          AdminServer.builder()
              .http(config.http())
              .metrics(serviceMetrics.registry())
              .readiness("kafka-streams", readiness)
              .routes(
                  routes -> {
                    routes.get(ModelQueries.PATH, ctx -> ModelQueries.handle(queries.get(), ctx));
                    routes.post(ResetApi.PATH, resetApi::handle);
                  })
              .start();
      parts.register("admin server", admin);
      HostInfo self = config.advertisedServer(admin.port());
      properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
      KafkaStreams streams = new KafkaStreams(topology, properties);
      parts.register("Kafka Streams", () -> closeStreams(streams));
      client.set(streams);
      queries.set(
          new ModelQueries(
              streams,
              self,
              new ModelSummaries(new ModelCodec(detectorSettings.factory()), detectorSettings),
              QUERY_TIMEOUT));
      streams.setStateListener(readiness);
      streams.setUncaughtExceptionHandler(
          new StreamThreadFailureHandler(metrics.errors(), progress));
      // Its own scheduler: the binder shuts it down on close. Task-level series (state restore
      // among them) appear after each rebalance, so new metrics are looked up periodically.
      KafkaStreamsMetrics streamsMetrics =
          new KafkaStreamsMetrics(
              streams,
              Tags.empty(),
              BackgroundThreads.scheduler("vigil-processor-streams-metrics"),
              config.clientMetricsRefresh());
      streamsMetrics.bindTo(serviceMetrics.registry());
      parts.register("Kafka Streams metrics", streamsMetrics);
      parts.register(
          "consumer group lag metrics",
          ConsumerGroupLagMetrics.start(
              config.kafka().clientConfig(),
              config.lag().including(List.of(config.applicationId())),
              serviceMetrics.registry()));
      streams.start();
      log.info(
          "stream processor {} started: {} -> {}, admin port {}",
          config.applicationId(),
          config.topics().events().name(),
          config.topics().anomalies().name(),
          admin.port());
      return new ProcessorApplication(parts, metrics, streams, admin);
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  private static List<NewTopic> topics(ProcessorConfig config) {
    Topics topics = config.topics();
    int partitions = config.kafka().partitions();
    short replication = config.kafka().replicationFactor();
    List<NewTopic> created = new ArrayList<>();
    created.add(new NewTopic(topics.events().name(), partitions, replication));
    created.add(new NewTopic(topics.eventsDeadLetter().name(), partitions, replication));
    created.add(new NewTopic(topics.anomalies().name(), partitions, replication));
    // Read whole into a global store at every start: one partition, compacted to one per pattern.
    created.add(
        new NewTopic(topics.detectorConfig().name(), 1, replication)
            .configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    // Operator requests, few and read once by the topology, which routes them to the key owners.
    created.add(new NewTopic(topics.modelResets().name(), 1, replication));
    if (config.scoresEnabled()) {
      created.add(new NewTopic(topics.scores().name(), partitions, replication));
    }
    return created;
  }

  /** The Kafka Streams state, e.g. RUNNING. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Events this instance has scored since it started. */
  public long eventsScored() {
    return metrics.scoring().eventsScored();
  }

  /** The port the admin server (metrics, health) listens on. */
  public int adminPort() {
    return adminServer.port();
  }

  /** Stops Kafka Streams, then the admin server, then the metrics; safe to call more than once. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      parts.close();
      log.info("stream processor stopped");
    }
  }

  private static void closeStreams(KafkaStreams streams) {
    boolean done =
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
    if (!done) {
      log.warn("Kafka Streams did not stop within {}", CLOSE_TIMEOUT);
    }
  }
}

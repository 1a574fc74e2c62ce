package io.vigil.sink;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.vigil.runtime.BackgroundThreads;
import io.vigil.runtime.Closer;
import io.vigil.runtime.http.AdminServer;
import io.vigil.runtime.http.HealthCheck;
import io.vigil.runtime.kafka.ConsumerGroupLagMetrics;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.runtime.metrics.ServiceMetrics;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.console.ConsoleRoutes;
import io.vigil.sink.consume.BatchWriter;
import io.vigil.sink.consume.ConsumerLoop;
import io.vigil.sink.consume.DeadLetterSink;
import io.vigil.sink.consume.KafkaDeadLetterSink;
import io.vigil.sink.consume.LoopMetrics;
import io.vigil.sink.consume.LoopTarget;
import io.vigil.sink.consume.RecordKind;
import io.vigil.sink.consume.SinkConsumers;
import io.vigil.sink.feedback.DetectorPrecision;
import io.vigil.sink.feedback.FeedbackSettings;
import io.vigil.sink.postgres.PostgresSettings;
import io.vigil.sink.postgres.PostgresStore;
import io.vigil.sink.query.AnomalyFeed;
import io.vigil.sink.query.AnomalyHistory;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.query.QueryRoutes;
import io.vigil.sink.redis.RedisSettings;
import io.vigil.sink.redis.RedisStore;
import io.vigil.sink.retention.RetentionJob;
import io.vigil.sink.scores.ScoreWindowSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running results sink: the anomalies topic to PostgreSQL and to Redis, each target with its
 * own consumer loop and consumer group, plus the admin HTTP server.
 *
 * <p>Readiness ({@code /health/ready}) checks, per enabled target: the store ({@code postgres}: a
 * pooled connection validates and the schema is migrated; {@code redis}: PING answered) and its
 * consumer loop ({@code consumer-postgres}, {@code consumer-redis}: running).
 */
public final class SinkApplication implements AutoCloseable {
  public static final String SERVICE_NAME = "results-sink";
  public static final String POSTGRES = "postgres";
  public static final String REDIS = "redis";
  public static final String FEEDBACK = "feedback";
  public static final String SCORES = "scores";

  private static final Logger log = LoggerFactory.getLogger(SinkApplication.class);

  private final ServiceMetrics metrics;
  private final Map<String, ConsumerLoop<?>> loops;
  private final AdminServer admin;
  // Everything to close; the admin server and the loops, opened last, close first.
  private final Closer resources;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SinkApplication(
      ServiceMetrics metrics,
      Map<String, ConsumerLoop<?>> loops,
      AdminServer admin,
      Closer resources) {
    this.metrics = metrics;
    this.loops = loops;
    this.admin = admin;
    this.resources = resources;
  }

  /**
   * Creates the anomalies topic if asked to, opens the stores (neither needs to be reachable yet:
   * each target retries on its own), starts one consumer loop per enabled target and the admin
   * server. On failure everything already started is closed again.
   */
  public static SinkApplication start(SinkConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    ServiceMetrics metrics = ServiceMetrics.create(SERVICE_NAME);
    Closer resources = new Closer("results sink");
    resources.register("metrics", metrics);
    try {
      Topics topics = Topics.withPrefix(config.kafka().topicPrefix());
      Topic<String, Anomaly> topic = topics.anomalies();
      String deadLetterTopic = topics.anomaliesDeadLetter().name();
      if (config.kafka().createTopics()) {
        List<String> names = new ArrayList<>(List.of(topic.name(), deadLetterTopic));
        if (config.feedback().isPresent()) {
          names.addAll(List.of(topics.feedback().name(), topics.feedbackDeadLetter().name()));
        }
        config.scores().ifPresent(s -> names.add(topics.scores().name()));
        new TopicProvisioner(config.kafka().clientConfig())
            .ensure(
                names.stream()
                    .map(
                        name ->
                            new NewTopic(
                                name,
                                config.kafka().partitions(),
                                config.kafka().replicationFactor()))
                    .toList());
      }
      KafkaDeadLetterSink deadLetters = KafkaDeadLetterSink.create(config.kafka(), deadLetterTopic);
      resources.register("dead-letter producer", deadLetters);
      // resilience4j_circuitbreaker_state / _calls / _failure_rate, tagged name=<target>.
      CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(config.breaker().toConfig());
      TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(metrics.registry());
      ScheduledExecutorService clientMetricsScheduler =
          BackgroundThreads.scheduler("vigil-sink-client-metrics");
      resources.register("client metrics scheduler", clientMetricsScheduler::shutdownNow);
      Targets targets =
          new Targets(
              config,
              topic,
              metrics,
              new Targets.Shared(breakers, deadLetters, clientMetricsScheduler),
              clock,
              resources);
      config.postgres().ifPresent(targets::postgres);
      config.redis().ifPresent(targets::redis);

      AdminServer.Builder admin =
          AdminServer.builder().http(config.http()).metrics(metrics.registry());
      targets.checks.forEach(admin::readiness);
      QueryRoutes queries = new QueryRoutes(targets.history, targets.hotView, breakers);
      Optional<ConsoleRoutes> console = console(config, targets, metrics, clock);
      console.ifPresent(c -> resources.register("console", c));
      admin.routes(
          routes -> {
            queries.register(routes);
            console.ifPresent(c -> c.register(routes));
          });
      AdminServer server = admin.start();
      resources.register("admin server", server);
      targets.loops.values().forEach(ConsumerLoop::start);
      List<String> ownGroups = new ArrayList<>();
      config.postgres().ifPresent(p -> ownGroups.add(p.consumerGroup()));
      config.redis().ifPresent(r -> ownGroups.add(r.consumerGroup()));
      config.feedback().ifPresent(f -> ownGroups.add(f.consumerGroup()));
      config.scores().ifPresent(s -> ownGroups.add(s.consumerGroup()));
      resources.register(
          "consumer group lag metrics",
          ConsumerGroupLagMetrics.start(
              config.kafka().clientConfig(),
              config.lag().including(ownGroups),
              metrics.registry()));
      log.info(
          "results sink started: topic {}, targets {}, admin port {}",
          topic.name(),
          targets.loops.keySet(),
          server.port());
      return new SinkApplication(metrics, Map.copyOf(targets.loops), server, resources);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  private static Optional<ConsoleRoutes> console(
      SinkConfig config, Targets targets, ServiceMetrics metrics, Clock clock) {
    if (!config.console().enabled()) {
      return Optional.empty();
    }
    Topics topics = Topics.withPrefix(config.kafka().topicPrefix());
    return Optional.of(
        new ConsoleRoutes(
            config.console(),
            targets.history,
            targets.hotView,
            targets.feed,
            config
                .feedback()
                .map(f -> ConsoleRoutes.publisher(config.kafka(), topics.feedback().name())),
            targets.checks,
            metrics.registry(),
            clock));
  }

  /** Opens each target's store and builds its loop; collects what to close and to check. */
  private static final class Targets {
    private final SinkConfig config;
    private final Topic<String, Anomaly> topic;
    private final ServiceMetrics metrics;
    private final Shared shared;
    private final Clock clock;
    private final Closer resources;
    private final Map<String, ConsumerLoop<?>> loops = new LinkedHashMap<>();
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private Optional<AnomalyHistory> history = Optional.empty();
    private Optional<HotViewLookup> hotView = Optional.empty();
    private Optional<AnomalyFeed> feed = Optional.empty();

    Targets(
        SinkConfig config,
        Topic<String, Anomaly> topic,
        ServiceMetrics metrics,
        Shared shared,
        Clock clock,
        Closer resources) {
      this.config = config;
      this.topic = topic;
      this.metrics = metrics;
      this.shared = shared;
      this.clock = clock;
      this.resources = resources;
    }

    void postgres(PostgresSettings settings) {
      PostgresStore store = PostgresStore.open(settings, metrics.registry());
      resources.register("PostgreSQL store", store);
      store.migrateIfReachable();
      if (settings.retention().enabled()) {
        resources.register(
            "retention job", RetentionJob.start(store.purger(metrics.registry(), clock)));
      }
      checks.put(POSTGRES, store::health);
      history = Optional.of(store.history());
      loop(
          POSTGRES,
          settings.consumerGroup(),
          topic,
          RecordKind.anomalies(),
          store.writer(),
          shared.deadLetters(),
          // The first target dead-letters invalid records, once for the whole sink.
          loops.isEmpty());
      config.feedback().ifPresent(feedback -> feedback(store, feedback));
    }

    /** Labels from the feedback topic into PostgreSQL, and the precision they give. */
    private void feedback(PostgresStore store, FeedbackSettings settings) {
      Topics topics = Topics.withPrefix(config.kafka().topicPrefix());
      KafkaDeadLetterSink deadLetters =
          KafkaDeadLetterSink.create(config.kafka(), topics.feedbackDeadLetter().name());
      resources.register("feedback dead-letter producer", deadLetters);
      loop(
          FEEDBACK,
          settings.consumerGroup(),
          topics.feedback(),
          RecordKind.feedback(),
          store.feedbackWriter(),
          deadLetters,
          true);
      resources.register(
          "detector precision",
          DetectorPrecision.start(
              store.precision(), settings.window(), settings.refresh(), metrics.registry(), clock));
    }

    void redis(RedisSettings settings) {
      RedisStore store = RedisStore.open(settings, metrics.registry());
      resources.register("Redis store", store);
      checks.put(REDIS, store::health);
      hotView = Optional.of(store.lookup());
      feed = Optional.of(store.feed());
      loop(
          REDIS,
          settings.consumerGroup(),
          topic,
          RecordKind.anomalies(),
          store.writer(),
          shared.deadLetters(),
          loops.isEmpty());
      config.scores().ifPresent(scores -> scores(store, scores));
    }

    /** Every event's score into the series' bounded window, for the console's charts. */
    private void scores(RedisStore store, ScoreWindowSettings settings) {
      Topics topics = Topics.withPrefix(config.kafka().topicPrefix());
      // Invalid scores are dead-lettered with the anomalies' (the sink's own dead-letter topic).
      loop(
          SCORES,
          settings.consumerGroup(),
          topics.scores(),
          RecordKind.scores(),
          store.scoreWriter(settings),
          shared.deadLetters(),
          true);
    }

    /** What every target's loop uses. */
    record Shared(
        CircuitBreakerRegistry breakers,
        KafkaDeadLetterSink deadLetters,
        ScheduledExecutorService clientMetricsScheduler) {}

    private <T> void loop(
        String target,
        String group,
        Topic<String, T> source,
        RecordKind<T> kind,
        BatchWriter<T> writer,
        DeadLetterSink deadLetters,
        boolean reportsUndecodable) {
      KafkaConsumer<String, byte[]> consumer =
          SinkConsumers.create(config.kafka(), group, config.consumer().batchSize());
      // Bound first, so it is closed after the loop that closes the consumer. Per-partition
      // series (records-lag) appear after assignment, so they are looked up again periodically.
      KafkaClientMetrics clientMetrics =
          new KafkaClientMetrics(
              consumer,
              Tags.of("target", target),
              shared.clientMetricsScheduler(),
              config.clientMetricsRefresh());
      clientMetrics.bindTo(metrics.registry());
      resources.register(target + " client metrics", clientMetrics);
      ConsumerLoop<T> loop =
          new ConsumerLoop<>(
              new LoopTarget<>(target, source, kind, writer, reportsUndecodable),
              consumer,
              shared.breakers().circuitBreaker(target),
              deadLetters,
              config.consumer(),
              new LoopMetrics(metrics.registry(), target),
              clock,
              // The agent's SDK when one is attached (it installs itself there), else a no-op.
              GlobalOpenTelemetry.get());
      resources.register(target + " consumer loop", loop);
      loops.put(target, loop);
      checks.put("consumer-" + target, loop::health);
    }
  }

  /** The port the admin HTTP server listens on. */
  public int adminPort() {
    return admin.port();
  }

  /** The consumer loops by target name ({@value #POSTGRES}, {@value #REDIS}), enabled ones only. */
  public Map<String, ConsumerLoop<?>> loops() {
    return loops;
  }

  public ServiceMetrics metrics() {
    return metrics;
  }

  /** Stops the admin server and the loops (each finishes its batch), then closes the stores. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      resources.close();
      log.info("results sink stopped");
    }
  }
}

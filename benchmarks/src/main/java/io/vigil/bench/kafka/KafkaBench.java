package io.vigil.bench.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessingGuarantee;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.rocksdb.RocksDbMemory;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs {@code vigil bench}: for each key count, the events are written once into a fresh events
 * topic, then every profile runs its warm-up and timed repetitions, each Streams repetition with a
 * fresh application id and state directory, reading the whole topic from the start. A Streams
 * repetition is timed from the moment Kafka Streams reports RUNNING to the moment a {@code
 * read_committed} consumer has seen one output per event (Vigil: its scores and anomalies, with
 * {@code vigil.processor.scores.enabled}); the raw producer from its first send to its last
 * acknowledgement. The anchors get exactly Vigil's Streams properties ({@link
 * StreamsProperties#of}, RocksDB memory included) from the same {@link ProcessorConfig}, so they
 * differ from Vigil only in the topology.
 */
public final class KafkaBench {
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final BenchOptions options;
  private final Clock clock;
  private final PrintWriter progress;

  /**
   * @param progress where one line per repetition goes while the run is under way
   */
  public KafkaBench(BenchOptions options, Clock clock, PrintWriter progress) {
    this.options = options;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * @throws IllegalStateException if a repetition fails or times out
   * @throws io.vigil.runtime.config.ConfigException if the environment's settings are invalid
   */
  public BenchResult run() {
    var started = clock.instant();
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Measurement> rows = new ArrayList<>();
    List<LatencyMeasurement> latencies = new ArrayList<>();
    List<StateMeasurement> states = new ArrayList<>();
    double eventBytes = 0;
    try (BenchCluster cluster =
        BenchCluster.open(
            options.bootstrapServers(),
            options.partitions(),
            options.profiles().stream().anyMatch(Profile::sink))) {
      for (int keys : options.keys()) {
        String prefix = "bench-" + run + "-k" + keys + ".";
        KeyRun keyRun = new KeyRun(cluster, prefix, keys);
        try {
          eventBytes = keyRun.load();
          keyRun.loadAnomalies();
          for (Profile profile : options.profiles()) {
            if (profile.streams()) {
              for (ProcessingGuarantee guarantee : options.guarantees()) {
                Measurement row = keyRun.measure(profile, Optional.of(guarantee), Variant.DEFAULTS);
                rows.add(row);
                if (profile.vigil()) {
                  for (Variant variant : options.variants()) {
                    rows.add(keyRun.measure(profile, Optional.of(guarantee), variant));
                  }
                }
                if (profile.vigil() && options.measureState()) {
                  states.add(keyRun.state(profile, guarantee));
                }
                if (profile.vigil()) {
                  for (double load : options.latencyLoads()) {
                    latencies.add(keyRun.latency(profile, guarantee, load, row.median()));
                  }
                }
              }
            } else {
              rows.add(keyRun.measure(profile, Optional.empty(), Variant.DEFAULTS));
            }
          }
        } finally {
          keyRun.deleteTopics();
        }
      }
      return new BenchResult(
          started,
          cluster.description(),
          options.partitions(),
          options.warmups(),
          options.repetitions(),
          eventBytes,
          rows,
          latencies,
          states);
    }
  }

  /** Everything one key count needs: its topics (one prefix) and settings. */
  private final class KeyRun {
    private final BenchCluster cluster;
    private final String prefix;
    private final int keys;
    private final Topics topics;
    private final BenchEvents events;
    private final Map<String, String> environment;
    private final KafkaSettings kafka;
    private final Map<String, Object> clientConfig;

    KeyRun(BenchCluster cluster, String prefix, int keys) {
      this.cluster = cluster;
      this.prefix = prefix;
      this.keys = keys;
      this.topics = Topics.withPrefix(prefix);
      this.events = new BenchEvents(keys);
      Map<String, String> env = new HashMap<>(options.environment());
      env.put(Settings.envName("kafka.bootstrap.servers"), cluster.bootstrapServers());
      env.put(Settings.envName("vigil.topic.prefix"), prefix);
      env.put(Settings.envName("vigil.topics.partitions"), Integer.toString(options.partitions()));
      this.environment = Map.copyOf(env);
      Settings settings = Settings.load(environment);
      this.kafka = KafkaSettings.from(settings);
      settings.validate();
      this.clientConfig = kafka.clientConfig();
    }

    /** Creates the topics and writes the events once; returns the mean event size in bytes. */
    double load() {
      createTopics(
          List.of(topics.events().name(), topics.scores().name(), topics.anomalies().name()));
      long elapsed =
          BenchProducer.produce(clientConfig, topics.events().name(), events, options.events());
      long bytes = 0;
      int sample = (int) Math.min(options.events(), 1000);
      for (int i = 0; i < sample; i++) {
        bytes += events.json(i).length;
      }
      double average = (double) bytes / sample;
      progress.printf(
          Locale.ROOT,
          "%,d keys: %,d events (%.0f B each) written to %s in %.1f s%n",
          keys,
          options.events(),
          average,
          topics.events().name(),
          elapsed / 1e9);
      progress.flush();
      return average;
    }

    Measurement measure(Profile profile, Optional<ProcessingGuarantee> guarantee, Variant variant) {
      String variantName =
          variant.isDefaults() ? "" : "-v" + (options.variants().indexOf(variant) + 1);
      List<Double> rates = new ArrayList<>();
      int total = options.warmups() + options.repetitions();
      for (int rep = 1; rep <= total; rep++) {
        boolean warmup = rep <= options.warmups();
        String name =
            prefix
                + profile.cliName()
                + guarantee.map(g -> "-" + Guarantees.label(g).toLowerCase(Locale.ROOT)).orElse("")
                + variantName
                + "-"
                + rep;
        Timed timed;
        if (profile.streams()) {
          timed =
              new Timed(options.events(), streams(profile, guarantee.orElseThrow(), name, variant));
        } else if (profile.sink()) {
          timed = sink(profile, name);
        } else {
          timed = new Timed(options.events(), producer(name));
        }
        double rate = timed.rate();
        long nanos = timed.nanos();
        if (!warmup) {
          rates.add(rate);
        }
        progress.printf(
            Locale.ROOT,
            "%,d keys, %s%s, %s %d/%d: %,.0f events/s (%.2f s)%n",
            keys,
            Measurement.label(profile, variant),
            guarantee.map(g -> " " + Guarantees.label(g)).orElse(""),
            warmup ? "warm-up" : "repetition",
            warmup ? rep : rep - options.warmups(),
            warmup ? options.warmups() : options.repetitions(),
            rate,
            nanos / 1e9);
        progress.flush();
      }
      return new Measurement(
          profile,
          guarantee,
          keys,
          profile.sink() ? sinkAnomalies() : options.events(),
          rates,
          variant);
    }

    /**
     * Vigil at {@code load} × {@code maximum} events/s for the latency duration, on topics of its
     * own (so the processor starts at an empty events topic) with a fresh application.
     */
    LatencyMeasurement latency(
        Profile profile, ProcessingGuarantee guarantee, double load, double maximum) {
      double rate = load * maximum;
      long count = Math.max(10, (long) (rate * options.latencyDuration().toMillis() / 1000.0));
      String name =
          prefix
              + "latency-"
              + profile.cliName()
              + "-"
              + Guarantees.label(guarantee).toLowerCase(Locale.ROOT)
              + "-"
              + Math.round(load * 100);
      Topics own = Topics.withPrefix(name + ".");
      createTopics(List.of(own.events().name(), own.scores().name(), own.anomalies().name()));
      ProcessorConfig config =
          config(
              guarantee,
              name,
              profile.setup().map(s -> s.configName()).orElse(null),
              Map.of(Settings.envName("vigil.topic.prefix"), name + "."));
      long deadline = System.nanoTime() + options.timeout().toNanos();
      LatencyProbe.Result result;
      try (LatencyProbe probe = new LatencyProbe(clientConfig, own.scores().name(), ADMIN_TIMEOUT);
          ProcessorApplication app = ProcessorApplication.start(config, clock)) {
        awaitRunning(app::state, deadline);
        result = probe.measure(own.events().name(), events, count, rate, app::state, deadline);
      } finally {
        BenchCluster.delete(config.stateDir());
      }
      LatencyMeasurement measured =
          LatencyMeasurement.of(
              profile,
              guarantee,
              keys,
              load,
              rate,
              result.achievedRate(),
              result.latenciesMillis());
      progress.printf(
          Locale.ROOT,
          "%,d keys, %s %s, latency at %.0f %% (%,.0f events/s): p50 %.0f ms, p99 %.0f ms, p999"
              + " %.0f ms%n",
          keys,
          profile.label(),
          Guarantees.label(guarantee),
          load * 100,
          rate,
          measured.p50Millis(),
          measured.p99Millis(),
          measured.p999Millis());
      progress.flush();
      return measured;
    }

    /**
     * Vigil over the whole events topic once more, untimed, then: the size of its state directory
     * and of its compacted changelog, and the time a new instance with no local state takes to
     * restore the models and be RUNNING.
     */
    StateMeasurement state(Profile profile, ProcessingGuarantee guarantee) {
      String name =
          prefix
              + "state-"
              + profile.cliName()
              + "-"
              + Guarantees.label(guarantee).toLowerCase(Locale.ROOT);
      ProcessorConfig config =
          config(guarantee, name, profile.setup().map(s -> s.configName()).orElse(null), Map.of());
      long deadline = System.nanoTime() + options.timeout().toNanos();
      try {
        try (OutputCounter counter =
                new OutputCounter(
                    clientConfig,
                    List.of(topics.scores().name(), topics.anomalies().name()),
                    ADMIN_TIMEOUT);
            ProcessorApplication app = ProcessorApplication.start(config, clock)) {
          timed(app::state, counter, deadline);
        }
        long stateBytes = BenchCluster.size(config.stateDir());
        ChangelogSize.Size changelog =
            ChangelogSize.latest(
                clientConfig,
                name + "-" + ScoringProcessor.MODEL_STORE + "-changelog",
                options.timeout());
        BenchCluster.delete(config.stateDir());
        long started = System.nanoTime();
        long running;
        try (ProcessorApplication app = ProcessorApplication.start(config, clock)) {
          running = awaitRunning(app::state, deadline);
        }
        StateMeasurement measured =
            new StateMeasurement(
                profile,
                guarantee,
                keys,
                (double) stateBytes / keys,
                (double) changelog.bytes() / Math.max(1, changelog.keys()),
                (running - started) / 1e9,
                changelog.keys());
        progress.printf(
            Locale.ROOT,
            "%,d keys, %s %s, state: %,.0f B/key on disk, %,.0f B/key in the changelog, %,d keys"
                + " restored in %.1f s%n",
            keys,
            profile.label(),
            Guarantees.label(guarantee),
            measured.stateDirBytesPerKey(),
            measured.changelogBytesPerKey(),
            measured.restoredKeys(),
            measured.restoreSeconds());
        progress.flush();
        return measured;
      } finally {
        BenchCluster.delete(config.stateDir());
      }
    }

    /** Anomalies in the sink profiles' topic: a tenth of the events, at least 1,000. */
    private long sinkAnomalies() {
      return Math.max(1_000, options.events() / 10);
    }

    /** The topics of the sink profiles: their own prefix, so no Vigil row writes into them. */
    private Topics sinkTopics() {
      return Topics.withPrefix(prefix + "sink.");
    }

    /** Writes the sink profiles' anomalies once, if any sink profile runs. */
    private void loadAnomalies() {
      if (options.profiles().stream().noneMatch(Profile::sink)) {
        return;
      }
      String topic = sinkTopics().anomalies().name();
      createTopics(List.of(topic));
      BenchAnomalies anomalies = new BenchAnomalies(keys);
      BenchProducer.produce(clientConfig, topic, anomalies::key, anomalies::json, sinkAnomalies());
    }

    /**
     * One sink repetition: a fresh consumer group and a fresh PostgreSQL schema or Redis key
     * prefix, the sink with that one target, timed from its first anomaly written to its last (so
     * the group join is left out, as the Streams rows leave out the start before RUNNING).
     */
    private Timed sink(Profile profile, String name) {
      String id = name.replaceAll("[^a-z0-9]", "_");
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(cluster.sinkEnvironment());
      env.put(Settings.envName("vigil.topic.prefix"), prefix + "sink.");
      env.put(Settings.envName("vigil.http.host"), "127.0.0.1");
      env.put(Settings.envName("vigil.http.port"), "0");
      env.put(Settings.envName("vigil.sink.feedback.enabled"), "false");
      env.put(Settings.envName("vigil.console.enabled"), "false");
      boolean postgres = profile == Profile.SINK_POSTGRES;
      env.put(Settings.envName("vigil.sink.postgres.enabled"), Boolean.toString(postgres));
      env.put(Settings.envName("vigil.sink.redis.enabled"), Boolean.toString(!postgres));
      env.put(Settings.envName("vigil.sink.postgres.group"), name);
      env.put(Settings.envName("vigil.sink.redis.group"), name);
      env.put(Settings.envName("vigil.sink.jdbc.schema"), id);
      env.put(Settings.envName("vigil.sink.redis.key.prefix"), id + ":");
      // The anomalies are from 2026-01-01: no retention purge while they are counted.
      env.put(Settings.envName("vigil.sink.postgres.retention"), "0");
      SinkConfig config = SinkConfig.from(Settings.load(env));
      long expected = sinkAnomalies();
      long deadline = System.nanoTime() + options.timeout().toNanos();
      try (SinkApplication sink = SinkApplication.start(config, clock)) {
        Counter written =
            sink.metrics()
                .registry()
                .get("vigil.sink.anomalies.written")
                .tag("target", postgres ? SinkApplication.POSTGRES : SinkApplication.REDIS)
                .counter();
        long started = System.nanoTime();
        long first = 0;
        double firstCount = 0;
        while (written.count() < expected) {
          if (first == 0 && written.count() > 0) {
            first = System.nanoTime();
            firstCount = written.count();
          }
          if (System.nanoTime() - deadline > 0) {
            throw new IllegalStateException(
                "the sink wrote only " + written.count() + " of " + expected + " anomalies");
          }
          LockSupport.parkNanos(1_000_000);
        }
        long end = System.nanoTime();
        // The anomalies after the first batch, over the time they took (a single batch: all).
        return first == 0 || firstCount >= expected
            ? new Timed(expected, end - started)
            : new Timed(expected - (long) firstCount, end - first);
      }
    }

    private long producer(String topic) {
      createTopics(List.of(topic));
      return BenchProducer.produce(clientConfig, topic, events, options.events());
    }

    /** One Streams repetition: nanoseconds from RUNNING to the last output visible. */
    private long streams(
        Profile profile, ProcessingGuarantee guarantee, String applicationId, Variant variant) {
      ProcessorConfig config =
          config(
              guarantee,
              applicationId,
              profile.setup().map(s -> s.configName()).orElse(null),
              variant.environment());
      Path stateDir = config.stateDir();
      List<String> outputs =
          profile.vigil()
              ? List.of(topics.scores().name(), topics.anomalies().name())
              : List.of(applicationId + "-output");
      if (!profile.vigil()) {
        createTopics(outputs);
      }
      long deadline = System.nanoTime() + options.timeout().toNanos();
      try (OutputCounter counter = new OutputCounter(clientConfig, outputs, ADMIN_TIMEOUT)) {
        if (profile.vigil()) {
          try (ProcessorApplication app = ProcessorApplication.start(config, clock)) {
            return timed(app::state, counter, deadline);
          }
        }
        Topology topology =
            profile == Profile.PASS_THROUGH
                ? Anchors.passThrough(topics.events().name(), outputs.get(0))
                : Anchors.storeOnly(topics.events().name(), outputs.get(0));
        try (RocksDbMemory memory = RocksDbMemory.of(config.rocksDbMemoryBytes())) {
          Properties properties =
              StreamsProperties.of(
                  config, new ProcessorMetrics(new SimpleMeterRegistry()).errors());
          properties.putAll(memory.streamsProperties());
          KafkaStreams streams = new KafkaStreams(topology, properties);
          try {
            streams.start();
            return timed(streams::state, counter, deadline);
          } finally {
            streams.close(CLOSE_TIMEOUT);
          }
        }
      } finally {
        BenchCluster.delete(stateDir);
      }
    }

    private long timed(Supplier<KafkaStreams.State> state, OutputCounter counter, long deadline) {
      long running = awaitRunning(state, deadline);
      return counter.awaitCount(options.events(), state, deadline) - running;
    }

    /** The processor's settings for one repetition: the run's environment, then the bench's own. */
    private ProcessorConfig config(
        ProcessingGuarantee guarantee,
        String applicationId,
        String detector,
        Map<String, String> overrides) {
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(overrides);
      env.put(Settings.envName("vigil.processor.application.id"), applicationId);
      env.put(
          Settings.envName("vigil.processor.state.dir"),
          cluster.stateDir(applicationId).toString());
      env.put(Settings.envName("vigil.processor.processing.guarantee"), guarantee.streamsValue());
      env.put(Settings.envName("vigil.processor.scores.enabled"), "true");
      if (detector != null) {
        env.put(Settings.envName("vigil.processor.detector"), detector);
      }
      env.put(Settings.envName("vigil.http.host"), "127.0.0.1");
      env.put(Settings.envName("vigil.http.port"), "0");
      return ProcessorConfig.from(Settings.load(env));
    }

    private void createTopics(List<String> names) {
      new TopicProvisioner(clientConfig)
          .ensure(
              names.stream()
                  .map(name -> new NewTopic(name, options.partitions(), kafka.replicationFactor()))
                  .toList());
    }

    /** Deletes every topic of this key count: its own and the repetitions' internal ones. */
    void deleteTopics() {
      try (Admin admin = Admin.create(clientConfig)) {
        List<String> mine =
            admin.listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(prefix))
                .toList();
        admin.deleteTopics(mine).all().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        progress.println("could not delete the topics " + prefix + "*: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How many records a repetition timed, in how long. */
  private record Timed(long items, long nanos) {
    double rate() {
      return items / (nanos / 1e9);
    }
  }

  /** Waits for RUNNING; returns {@link System#nanoTime()} when it was seen. */
  private static long awaitRunning(Supplier<KafkaStreams.State> state, long deadline) {
    while (true) {
      KafkaStreams.State current = state.get();
      if (current == KafkaStreams.State.RUNNING) {
        return System.nanoTime();
      }
      if (current == KafkaStreams.State.ERROR
          || current == KafkaStreams.State.PENDING_ERROR
          || current == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("Kafka Streams is " + current + " before RUNNING");
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Kafka Streams was not RUNNING before the timeout");
      }
      // A millisecond of resolution against repetitions of seconds.
      LockSupport.parkNanos(1_000_000);
    }
  }
}

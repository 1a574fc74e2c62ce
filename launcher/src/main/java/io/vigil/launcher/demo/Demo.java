package io.vigil.launcher.demo;

import io.vigil.ingest.generate.GeneratorApplication;
import io.vigil.ingest.generate.GeneratorServiceConfig;
import io.vigil.ingest.generate.InjectedAnomaly;
import io.vigil.localstack.LocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.runtime.kafka.ConsumerGroupLag;
import io.vigil.schemas.topic.Topics;
import io.vigil.sink.SinkApplication;
import io.vigil.sink.SinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The demo's life cycle: start the stack and the three services, show progress, stop everything in
 * reverse order on Ctrl-C or at the end of the requested duration.
 */
final class Demo {
  private static final String PROCESSOR_ID = "vigil-demo-processor";
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

  private final DemoOptions options;
  private final Console console;
  private final Clock clock = Clock.systemUTC();
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  // The console's labelling key of this run, printed with its URL.
  private final String consoleKey = ApiKeys.newKey();

  Demo(DemoOptions options, Console console) {
    this.options = options;
    this.console = console;
  }

  /** Asks a running demo to stop, as Ctrl-C does. */
  void stop() {
    stop.countDown();
  }

  int run() throws Exception {
    CountDownLatch cleanedUp = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              awaitQuietly(cleanedUp, Duration.ofSeconds(60));
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return runUntilStopped();
    } finally {
      closeAll();
      cleanedUp.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down (Ctrl-C): the hook is running and waits for cleanedUp.
      }
    }
  }

  private int runUntilStopped() throws Exception {
    console.line("Starting the embedded stack (Kafka, PostgreSQL, Redis)…");
    Instant begin = clock.instant();
    LocalStack stack = remember(LocalStack.start(options.stack()));
    console.line(
        String.format(
            Locale.ROOT,
            "Stack ready in %.1f s.",
            Duration.between(begin, clock.instant()).toMillis() / 1000.0));

    Path stateDir = Files.createTempDirectory("vigil-demo-state-");
    started.push(() -> deleteRecursively(stateDir));
    Map<String, String> kafka = Map.of("kafka.bootstrap.servers", stack.kafkaBootstrapServers());

    ProcessorApplication processor =
        remember(
            ProcessorApplication.start(
                ProcessorConfig.from(
                    settings(
                        kafka,
                        "vigil.processor.application.id",
                        PROCESSOR_ID,
                        "vigil.processor.state.dir",
                        stateDir.toString(),
                        // Every event's score, for the console's charts.
                        "vigil.processor.scores.enabled",
                        "true",
                        "vigil.http.port",
                        Integer.toString(options.processorPort()))),
                clock));
    SinkApplication sink =
        remember(
            SinkApplication.start(
                SinkConfig.from(
                    settings(
                        kafka,
                        "vigil.sink.jdbc.url",
                        stack.jdbcUrl(),
                        "vigil.sink.jdbc.user",
                        stack.jdbcUser(),
                        "vigil.sink.jdbc.password",
                        stack.jdbcPassword(),
                        "vigil.sink.redis.uri",
                        stack.redisUri(),
                        "vigil.sink.scores.enabled",
                        "true",
                        // About four minutes of each series at the default rate.
                        "vigil.sink.scores.window",
                        "1200",
                        "vigil.console.api.keys",
                        "demo:" + ApiKeys.hash(consoleKey),
                        "vigil.console.processor.url",
                        "http://localhost:" + processor.adminPort(),
                        "vigil.http.port",
                        Integer.toString(options.sinkPort()))),
                clock));
    GeneratorServiceConfig generatorConfig = generatorConfig(kafka);
    InjectionPlan plan =
        InjectionPlan.of(
            generatorConfig.generator(),
            options.injections(),
            generatorConfig.generator().anomalyKinds());
    Instant replayBegin = clock.instant();
    GeneratorApplication generator =
        remember(
            GeneratorApplication.start(
                new GeneratorServiceConfig(
                    generatorConfig.generator().toBuilder()
                        .inject(plan.anomalies().toArray(InjectedAnomaly[]::new))
                        .build(),
                    generatorConfig.kafka(),
                    generatorConfig.http()),
                clock));
    Scorecard scorecard = new Scorecard(generator.generator().liveStart());
    AnomalyTail tail =
        remember(
            new AnomalyTail(
                stack.kafkaBootstrapServers(),
                Topics.defaults().anomalies(),
                anomaly -> {
                  // Anomalies of an earlier run on the same topic are not this demo's.
                  if (!anomaly.detectedAt().isBefore(begin) && scorecard.record(anomaly)) {
                    console.anomaly(anomaly);
                  }
                }));
    Admin admin =
        remember(
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers())));

    printWhereToLook(stack, processor, sink, generator);
    LongSupplier lag = lagOf(admin);
    Progress progress = new Progress(generator.generator()::eventsSent, tail::seen, lag, clock);
    announceHistory(generatorConfig.generator());
    Instant deadline =
        options.duration().isZero() ? Instant.MAX : clock.instant().plus(options.duration());
    announceInjections(plan);
    boolean live = generatorConfig.generator().historyEvents() == 0;
    while (!stop.await(1, TimeUnit.SECONDS) && clock.instant().isBefore(deadline)) {
      if (!live && generator.generator().historyReplayed() && caughtUp(lag.getAsLong())) {
        live = true;
        console.endStatus();
        console.line(
            String.format(
                Locale.ROOT,
                "History replayed in %.1f s; %,d alerts while the detector learned it (not shown)."
                    + " Live events from now on.",
                Duration.between(replayBegin, clock.instant()).toMillis() / 1000.0,
                scorecard.historyAlerts()));
      }
      console.status(progress.sample());
    }
    console.endStatus();
    // Stop the events, let the pipeline finish what is in flight, then score.
    generator.close();
    drain(lag, tail);
    console.line(progress.summary(generator.generator().labels().size(), storedRows(stack)));
    Scorecard.Result result =
        scorecard.result(generator.generator().labels(), generatorConfig.generator().seriesKeys());
    if (!result.injected().isEmpty()) {
      console.line("Injected anomalies (series, kind, start, size in noise σ):");
      result.table().forEach(console::line);
    }
    console.line("Summary: " + result.summary() + ".");
    return 0;
  }

  /**
   * Checks the options before anything starts, so a usage error never looks like a run.
   *
   * @throws io.vigil.runtime.config.ConfigException listing the generator's problems
   * @throws IllegalArgumentException for a negative number of injections
   */
  static void validate(DemoOptions options) {
    if (options.injections() < 0) {
      throw new IllegalArgumentException("--injections must be >= 0, was " + options.injections());
    }
    generatorConfig(options, Map.of("kafka.bootstrap.servers", "localhost:9092"));
  }

  /**
   * The processor has caught up with the replay: it is at most two seconds of live events behind.
   */
  private boolean caughtUp(long lag) {
    return lag >= 0 && lag <= Math.max(100, 2 * options.rate());
  }

  private GeneratorServiceConfig generatorConfig(Map<String, String> kafka) {
    return generatorConfig(options, kafka);
  }

  private static GeneratorServiceConfig generatorConfig(
      DemoOptions options, Map<String, String> kafka) {
    return GeneratorServiceConfig.from(
        settings(
            kafka,
            "vigil.generator.series",
            Integer.toString(options.series()),
            "vigil.generator.rate",
            Double.toString(options.rate()),
            "vigil.generator.history.events",
            Integer.toString(options.history()),
            "vigil.generator.time.step",
            options.historyStep().toString(),
            "vigil.generator.anomaly.rate",
            Double.toString(options.anomalyRate()),
            "vigil.generator.anomaly.kinds",
            options.anomalyKinds(),
            "vigil.generator.anomaly.length",
            Integer.toString(InjectionPlan.LENGTH),
            "vigil.generator.seasonality.period",
            options.seasonality().toString(),
            "vigil.generator.seed",
            Long.toString(options.seed()),
            "vigil.http.port",
            Integer.toString(options.generatorPort())));
  }

  private void announceHistory(io.vigil.ingest.generate.GeneratorConfig config) {
    if (config.historyEvents() == 0) {
      return;
    }
    Duration span = config.simulatedStep().multipliedBy(config.historyEvents());
    console.line(
        String.format(
            Locale.ROOT,
            "Replaying %,d events of history per series (%s of event time, %s apart, ending now)"
                + " at full speed, so that every series has a past before the live events…",
            config.historyEvents(),
            human(span),
            human(config.simulatedStep())));
  }

  private void announceInjections(InjectionPlan plan) {
    if (plan.anomalies().isEmpty()) {
      console.line("No anomalies are scripted (--injections 0).");
      return;
    }
    console.line(
        String.format(
            Locale.ROOT,
            "Then live events; injecting %d anomalies over their first %d s, one each on %s; the"
                + " other %d series get none.",
            plan.anomalies().size(),
            plan.lastSecond(),
            String.join(
                ", ", plan.anomalies().stream().map(a -> a.key() + " " + kindName(a)).toList()),
            options.series() - plan.anomalies().size()));
  }

  private static String kindName(InjectedAnomaly anomaly) {
    return anomaly.kind().wireName().replace('_', '-');
  }

  private static String human(Duration d) {
    if (d.toDays() >= 2 && d.toHours() % 24 == 0) {
      return d.toDays() + " days";
    }
    if (d.toHours() >= 2 && d.toMinutes() % 60 == 0) {
      return d.toHours() + " h";
    }
    if (d.toMinutes() >= 1 && d.toSeconds() % 60 == 0) {
      return d.toMinutes() + " min";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /**
   * Waits (bounded) until the processor has consumed every event and the anomalies it wrote have
   * reached the console, so the summary scores every event sent.
   */
  private void drain(LongSupplier lag, AnomalyTail tail) throws InterruptedException {
    Instant giveUp = clock.instant().plus(DRAIN_TIMEOUT);
    while (lag.getAsLong() != 0 && clock.instant().isBefore(giveUp)) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    // The processor commits (and so publishes its anomalies) every commit interval: wait for the
    // tail to see nothing new for a while.
    long seen = -1;
    while (seen != tail.seen() && clock.instant().isBefore(giveUp)) {
      seen = tail.seen();
      TimeUnit.MILLISECONDS.sleep(1_500);
    }
  }

  private static LongSupplier lagOf(Admin admin) {
    ConsumerGroupLag lag = new ConsumerGroupLag(admin, Duration.ofSeconds(2));
    return () -> {
      try {
        return lag.totalLag(PROCESSOR_ID);
      } catch (IllegalStateException e) {
        return -1;
      }
    };
  }

  private void printWhereToLook(
      LocalStack stack,
      ProcessorApplication processor,
      SinkApplication sink,
      GeneratorApplication generator) {
    console.line("");
    console.line("Vigil demo is running. Open the console first:");
    console.line("  Console     " + consoleUrl(sink));
    console.line(
        "              live anomalies, the series with their expected bands, and labels: the");
    console.line("              API key for \"confirmed\" / \"false positive\" is " + consoleKey);
    console.line("Where else to look:");
    console.line(
        "  Kafka       "
            + stack.kafkaBootstrapServers()
            + "  (topics events, anomalies, scores, events-dlq)");
    console.line(
        "  Processor   http://localhost:" + processor.adminPort() + "/metrics   /health/ready");
    console.line("  Sink        http://localhost:" + sink.adminPort() + "/metrics   /health/ready");
    console.line("  Generator   http://localhost:" + generator.adminPort() + "/metrics");
    console.line(
        "  PostgreSQL  " + stack.jdbcUrl() + "  user " + stack.jdbcUser() + "  (table anomalies)");
    console.line("  Redis       " + stack.redisUri() + "  (keys vigil:anomaly:latest:<series>)");
    console.line(
        options.duration().isZero()
            ? "Press Ctrl-C to stop."
            : "Running for " + options.duration().toSeconds() + " s (Ctrl-C stops earlier).");
    console.line("");
  }

  /** The console's address on the sink's HTTP port. */
  static String consoleUrl(SinkApplication sink) {
    return "http://localhost:" + sink.adminPort() + "/";
  }

  private static long storedRows(LocalStack stack) {
    try (Connection connection =
            DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
        ResultSet rows =
            connection.createStatement().executeQuery("select count(*) from anomalies")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  private static Settings settings(Map<String, String> base, String... keyValues) {
    Map<String, String> values = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      values.put(keyValues[i], keyValues[i + 1]);
    }
    return Settings.of(values);
  }

  private <T extends AutoCloseable> T remember(T resource) {
    started.push(resource);
    return resource;
  }

  private void closeAll() {
    if (!started.isEmpty()) {
      console.line("Stopping…");
    }
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        console.line("  (while stopping: " + e + ")");
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

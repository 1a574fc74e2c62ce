package io.vigil.ingest.generate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.http.Health;
import io.vigil.runtime.kafka.DurableProducers;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link SeriesSimulator} into the events topic: JSON {@link Event}s keyed by series key,
 * stamped (as Kafka record timestamps too) with their event time, through an idempotent producer
 * ({@code enable.idempotence=true}, {@code acks=all}, forced whatever the client properties say),
 * at the configured rate, until the configured limit or {@link #close()}.
 *
 * <p>One scheduler thread does all the generating; with a rate it wakes every {@value #TICK_MILLIS}
 * ms and sends the events that are due, with rate 0 it sends as fast as the producer accepts
 * (blocking on a full buffer is the back-pressure). Every injected anomaly's {@link AnomalyWindow}
 * is kept ({@link #labels()}) and written to the labels file when one is configured. A history
 * replay ({@link GeneratorConfig#historyEvents()}) is sent first, unthrottled, then the rate
 * applies.
 *
 * <p>Metrics: {@code vigil.generator.events} (acknowledged by the broker), {@code
 * vigil.generator.send.failures}, {@code vigil.generator.anomalies} (tag {@code kind}).
 */
public final class SyntheticGenerator implements AutoCloseable {
  static final long TICK_MILLIS = 10;
  private static final int UNTHROTTLED_BATCH = 1_000;
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(SyntheticGenerator.class);

  private final GeneratorConfig config;
  private final String topic;
  private final SeriesSimulator simulator;
  private final Producer<String, Event> producer;
  private final LabelFile labelFile;
  private final ScheduledExecutorService scheduler;
  private final CompletableFuture<Void> completion = new CompletableFuture<>();
  private final List<AnomalyWindow> labels = new CopyOnWriteArrayList<>();
  private final AtomicLong generated = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> lastSendFailure = new AtomicReference<>();
  private final Counter sentCounter;
  private final Counter failedCounter;
  private final Map<AnomalyKind, Counter> anomalyCounters = new EnumMap<>(AnomalyKind.class);
  private final long startNanos;
  private volatile boolean stopping;
  private volatile boolean closed;
  private volatile boolean finished;
  private volatile boolean historyDone;
  private long liveFrom;
  private volatile ScheduledFuture<?> ticks;

  private SyntheticGenerator(
      GeneratorConfig config,
      String topic,
      SeriesSimulator simulator,
      Producer<String, Event> producer,
      LabelFile labelFile,
      MeterRegistry registry) {
    this.config = config;
    this.topic = topic;
    this.simulator = simulator;
    this.producer = producer;
    this.labelFile = labelFile;
    this.sentCounter =
        Counter.builder("vigil.generator.events")
            .description("Synthetic events acknowledged by the broker")
            .register(registry);
    this.failedCounter =
        Counter.builder("vigil.generator.send.failures")
            .description("Synthetic events the producer failed to send")
            .register(registry);
    for (AnomalyKind kind : AnomalyKind.values()) {
      anomalyCounters.put(
          kind,
          Counter.builder("vigil.generator.anomalies")
              .description("Anomalies injected into the synthetic series")
              .tag("kind", kind.wireName())
              .register(registry));
    }
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vigil-generator");
              t.setDaemon(true);
              return t;
            });
    this.startNanos = System.nanoTime();
  }

  /**
   * Creates the events topic if missing (when {@code kafka.createTopics()}), opens the producer and
   * the labels file, and starts generating.
   */
  public static SyntheticGenerator start(
      GeneratorConfig config, KafkaSettings kafka, MeterRegistry registry, Clock clock) {
    Topic<String, Event> events = Topics.withPrefix(kafka.topicPrefix()).events();
    if (kafka.createTopics()) {
      new TopicProvisioner(kafka.clientConfig())
          .ensure(
              List.of(new NewTopic(events.name(), kafka.partitions(), kafka.replicationFactor())));
    }
    Map<String, Object> props = DurableProducers.config(kafka.clientConfig());
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    Producer<String, Event> producer =
        new KafkaProducer<>(
            props, events.keySerde().serializer(), events.valueSerde().serializer());
    try {
      return start(config, events.name(), producer, registry, clock);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** Generates into {@code topic} through the given producer, which it then owns. */
  static SyntheticGenerator start(
      GeneratorConfig config,
      String topic,
      Producer<String, Event> producer,
      MeterRegistry registry,
      Clock clock) {
    SeriesSimulator simulator = SeriesSimulator.create(config, clock);
    LabelFile labelFile = config.labelsFile().map(LabelFile::create).orElse(null);
    SyntheticGenerator generator =
        new SyntheticGenerator(config, topic, simulator, producer, labelFile, registry);
    generator.begin();
    return generator;
  }

  private void begin() {
    log.info(
        "generating {} series into {}: {}, {}, {} event time",
        config.seriesCount(),
        topic,
        config.eventsPerSecond() > 0 ? config.eventsPerSecond() + " events/s" : "unthrottled",
        config.bounded() ? "bounded" : "until stopped",
        config.timeMode().name().toLowerCase(Locale.ROOT));
    if (config.historyTotal() > 0) {
      scheduler.execute(() -> guarded(this::replayHistory));
    } else {
      goLive(startNanos);
    }
  }

  private void goLive(long fromNanos) {
    liveFrom = simulator.emitted();
    if (config.eventsPerSecond() > 0) {
      RatePacer pacer = new RatePacer(config.eventsPerSecond(), fromNanos);
      ticks =
          scheduler.scheduleAtFixedRate(
              () -> guarded(() -> tick(pacer)), 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    } else {
      scheduler.execute(() -> guarded(this::batch));
    }
  }

  /** The history replay, one batch per scheduler task so that close() can stop it in between. */
  private void replayHistory() {
    for (int i = 0;
        i < UNTHROTTLED_BATCH && !simulator.historyReplayed() && !limitReached() && !stopping;
        i++) {
      sendOne();
    }
    if (limitReached()) {
      finishRun(true);
      complete();
    } else if (stopping) {
      return;
    } else if (simulator.historyReplayed()) {
      historyDone = true;
      log.info("history replayed: {} events per series", config.historyEvents());
      goLive(System.nanoTime());
    } else {
      try {
        scheduler.execute(() -> guarded(this::replayHistory));
      } catch (RejectedExecutionException e) {
        // close() shut the scheduler down between the check and here: nothing left to do.
      }
    }
  }

  /** Whether the history replay has been handed to the producer (true without a history). */
  public boolean historyReplayed() {
    return historyDone || config.historyTotal() == 0;
  }

  /** From when live events are stamped: a history replay ends before it. */
  public Instant liveStart() {
    return simulator.liveStart();
  }

  /** The topic events go to. */
  public String topic() {
    return topic;
  }

  /** Events acknowledged by the broker so far. */
  public long eventsSent() {
    return sent.get();
  }

  /** Events handed to the producer so far (sent, in flight or failed). */
  public long eventsGenerated() {
    return generated.get();
  }

  /** Events the producer failed to send so far. */
  public long sendFailures() {
    return failed.get();
  }

  /**
   * Labels of the anomalies injected so far; once generation has finished, every one of them
   * (anomalies still under way at the end are cut at the last event).
   */
  public List<AnomalyWindow> labels() {
    return List.copyOf(labels);
  }

  /** Whether generation has stopped: limit reached, closed or failed. */
  public boolean completed() {
    return completion.isDone();
  }

  /** Whether generation stopped because of an error. */
  public boolean failed() {
    return completion.isCompletedExceptionally();
  }

  /**
   * Waits until generation stops (limit reached or closed); on reaching its limit every event has
   * been acknowledged or counted as failed, and every label is written.
   *
   * @return true when generation stopped within {@code timeout}
   * @throws IllegalStateException when generation failed
   */
  public boolean awaitCompletion(Duration timeout) {
    try {
      completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("generation failed: " + e.getCause(), e.getCause());
    }
  }

  /** Readiness: up while the producer is open, generation has not failed and sends succeed. */
  public Health health() {
    if (completion.isCompletedExceptionally()) {
      return Health.down("generation failed");
    }
    if (closed) {
      return Health.down("closed");
    }
    Exception failure = lastSendFailure.get();
    if (failure != null) {
      return Health.down("sends failing: " + failure);
    }
    return Health.up((completed() ? "finished, " : "") + sent.get() + " events sent");
  }

  private void tick(RatePacer pacer) {
    // The pacer counts live events only: the history was not paced.
    long due = pacer.due(System.nanoTime(), simulator.emitted() - liveFrom);
    for (long i = 0; i < due && !limitReached() && !stopping; i++) {
      sendOne();
    }
    if (limitReached()) {
      finishRun(true);
      complete();
    }
  }

  private void batch() {
    for (int i = 0; i < UNTHROTTLED_BATCH && !limitReached() && !stopping; i++) {
      sendOne();
    }
    if (limitReached()) {
      finishRun(true);
      complete();
    } else if (!stopping) {
      try {
        scheduler.execute(() -> guarded(this::batch));
      } catch (RejectedExecutionException e) {
        // close() shut the scheduler down between the check and here: nothing left to do.
      }
    }
  }

  private boolean limitReached() {
    return (config.maxEvents() > 0 && simulator.emitted() >= config.maxEvents())
        || (!config.duration().isZero()
            && System.nanoTime() - startNanos >= config.duration().toNanos());
  }

  private void sendOne() {
    SeriesSimulator.Sample sample = simulator.next();
    generated.incrementAndGet();
    sample.completedLabels().forEach(this::record);
    Event event = sample.event();
    ProducerRecord<String, Event> record =
        new ProducerRecord<>(topic, null, event.timestamp().toEpochMilli(), event.key(), event);
    try {
      producer.send(record, this::acknowledged);
    } catch (InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // Thrown before the record was queued: a full buffer for max.block.ms, no metadata, ...
      acknowledged(null, e);
    }
  }

  private void acknowledged(RecordMetadata metadata, Exception exception) {
    if (exception == null) {
      sent.incrementAndGet();
      sentCounter.increment();
      if (lastSendFailure.getAndSet(null) != null) {
        log.info("sends to {} succeed again", topic);
      }
    } else {
      failed.incrementAndGet();
      failedCounter.increment();
      // Logged when sends start failing, not for each of possibly thousands of records.
      if (lastSendFailure.getAndSet(exception) == null) {
        log.warn("sending to {} fails: {}", topic, exception.toString());
      }
    }
  }

  private void record(AnomalyWindow label) {
    labels.add(label);
    anomalyCounters.get(label.kind()).increment();
    if (labelFile != null) {
      labelFile.write(label);
    }
  }

  /**
   * Ends the run: labels of anomalies still under way, labels file closed. Runs on the scheduler
   * thread, or on the closing thread once the scheduler has stopped.
   */
  private void finishRun(boolean flush) {
    if (finished) {
      return;
    }
    finished = true;
    stopping = true;
    cancelTicks();
    if (flush) {
      producer.flush();
    }
    simulator.finish().forEach(this::record);
    if (labelFile != null) {
      labelFile.close();
    }
  }

  private void cancelTicks() {
    ScheduledFuture<?> periodic = ticks;
    if (periodic != null) {
      periodic.cancel(false);
    }
  }

  private void complete() {
    if (completion.complete(null)) {
      log.info(
          "generator finished: {} events sent, {} failed, {} anomalies injected",
          sent.get(),
          failed.get(),
          labels.size());
    }
  }

  private void guarded(Runnable work) {
    if (finished) {
      // A tick that ran before the periodic task was known to finishRun().
      cancelTicks();
      return;
    }
    try {
      work.run();
    } catch (RuntimeException e) {
      log.error("generation failed", e);
      finished = true;
      stopping = true;
      cancelTicks();
      completion.completeExceptionally(e);
    }
  }

  /** Stops generating, flushes what is in flight (bounded wait) and closes the producer. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    scheduler.shutdown();
    boolean stopped = awaitScheduler();
    if (!stopped) {
      scheduler.shutdownNow();
      stopped = awaitScheduler();
    }
    try {
      if (stopped) {
        // The producer's own close below sends what is buffered, within its timeout.
        finishRun(false);
      } else {
        log.warn("generator thread did not stop; labels of unfinished anomalies are not written");
      }
    } finally {
      producer.close(CLOSE_TIMEOUT);
      complete();
    }
  }

  private boolean awaitScheduler() {
    try {
      return scheduler.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

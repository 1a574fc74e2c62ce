package io.vigil.sink.consume;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.OpenTelemetry;
import io.vigil.runtime.http.Health;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records of one {@link RecordKind} (anomalies, feedback) from their topic to one target, on
 * its own thread with its own consumer (and consumer group), so a slow or failed target never holds
 * up another.
 *
 * <p>Each poll is one batch: decoded, handed to the {@link BatchWriter}, and its offsets committed
 * synchronously only after the writer returned. When the write fails nothing is committed: the
 * consumer seeks back to the batch's first offsets, pauses its partitions for a bounded, growing
 * back-off (still polling, so it keeps its group membership), then resumes and reads the same
 * records again.
 *
 * <p>Every write goes through the target's {@link CircuitBreaker}. While it is open the partitions
 * stay paused for the breaker's open duration (not just the back-off), then one probe write in
 * half-open state decides whether consumption resumes or the breaker opens again.
 *
 * <p>Records that can never be written go to the dead-letter topic with the reason and their
 * position, and the partition moves on past them once the dead letter is acknowledged: records that
 * are not valid (stage {@code sink.decode}, sent by the loop marked as reporting them, so one dead
 * letter per record rather than one per target), and records the target refuses ({@link
 * RejectedWriteException}, stage {@code sink.<target>}), isolated by writing the refused batch
 * again record by record.
 */
public final class ConsumerLoop<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String target;
  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final RecordKind<T> kind;
  private final BatchWriter<T> writer;
  private final CircuitBreaker breaker;
  private final DeadLetterSink deadLetters;
  private final boolean reportsUndecodable;
  private final Duration pollTimeout;
  private final Backoff backoff;
  private final LoopMetrics metrics;
  private final Clock clock;
  private final WriteTracing tracing;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LoopState state = LoopState.NEW;
  private volatile int failures;
  private volatile String fatalError = "";
  private volatile Instant openedAt = Instant.EPOCH;
  // Touched by the loop thread only (the rebalance listener runs inside poll on that thread).
  private boolean pausedForRetry;
  // The committed offset of each assigned partition that has one, as this loop knows it.
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * @param target the target's name, for the thread, logs and health
   * @param consumer a consumer this loop owns from now on (it closes it); configured with manual
   *     commits and {@code read_committed}
   * @param breaker the target's circuit breaker, configured like {@link BreakerSettings#toConfig()}
   * @param deadLetters where records that can never be written go
   * @param reportsUndecodable whether this loop dead-letters invalid records (one loop of the sink
   *     does; the others only count and skip them)
   */
  public ConsumerLoop(
      String target,
      Consumer<String, byte[]> consumer,
      Topic<String, T> topic,
      RecordKind<T> kind,
      BatchWriter<T> writer,
      CircuitBreaker breaker,
      DeadLetterSink deadLetters,
      boolean reportsUndecodable,
      ConsumerSettings settings,
      LoopMetrics metrics,
      Clock clock,
      OpenTelemetry telemetry) {
    this.target = Objects.requireNonNull(target, "target");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = topic.name();
    this.kind = Objects.requireNonNull(kind, "kind");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
    this.reportsUndecodable = reportsUndecodable;
    this.pollTimeout = settings.pollTimeout();
    this.backoff = settings.backoff();
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tracing = new WriteTracing(Objects.requireNonNull(telemetry, "telemetry"), target);
    this.thread = new Thread(this::run, "vigil-sink-" + target);
    // Transitions happen inside the loop's own calls to the breaker, on the loop thread.
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
              }
            });
  }

  /** Starts polling on the loop's own thread. */
  public ConsumerLoop<T> start() {
    if (started.compareAndSet(false, true)) {
      state = LoopState.RUNNING;
      thread.start();
    }
    return this;
  }

  public String target() {
    return target;
  }

  public LoopState state() {
    return state;
  }

  /** Consecutive failed writes of the current batch; 0 after a success. */
  public int consecutiveFailures() {
    return failures;
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /**
   * Up while the loop polls or waits to retry (the store's own check says whether the target is
   * reachable); down before start, after close or failure. The details name the breaker state.
   */
  public Health health() {
    String breakerState = ", circuit breaker " + breaker.getState();
    return switch (state) {
      case RUNNING -> Health.up("consuming " + topic + breakerState);
      case RETRYING ->
          Health.up(
              "consuming " + topic + ", retrying after " + failures + " failures" + breakerState);
      case NEW -> Health.down("not started");
      case STOPPED -> Health.down("stopped");
      case FAILED -> Health.down("failed: " + fatalError);
    };
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic), new PauseWhileRetrying());
      while (running.get()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
        if (!records.isEmpty()) {
          process(DecodedBatch.decode(records, kind.parser()));
        } else {
          commitPositionsPastMarkers();
        }
      }
      state = LoopState.STOPPED;
    } catch (WakeupException | InterruptException e) {
      state = LoopState.STOPPED;
    } catch (RuntimeException e) {
      fatalError = e.toString();
      state = LoopState.FAILED;
      log.error("{}: consumer loop stopped by an unrecoverable error", target, e);
    } finally {
      metrics.retrying(false);
      try {
        consumer.close();
      } catch (RuntimeException e) {
        log.warn("{}: closing the consumer failed", target, e);
      }
    }
  }

  private void process(DecodedBatch<T> batch) {
    try {
      writeIsolatingRejected(batch.decoded());
      // Reported only once the batch is through, so a retried batch reports each record once.
      batch.undecodable().forEach(this::undecodable);
    } catch (RuntimeException failure) {
      retryLater(batch, failure);
      return;
    }
    failures = 0;
    state = LoopState.RUNNING;
    commit(batch.nextOffsets());
  }

  private void retryLater(DecodedBatch<T> batch, RuntimeException failure) {
    failures++;
    state = LoopState.RETRYING;
    Duration delay = backoff.delay(failures);
    if (breaker.getState() == CircuitBreaker.State.OPEN) {
      // Paused until the breaker lets a probe through; the back-off alone would knock sooner.
      Duration open = Duration.between(clock.instant(), openedAt.plus(openDuration()));
      if (open.compareTo(delay) > 0) {
        delay = open;
      }
    }
    String message =
        "{}: writing {} records failed ({} in a row, breaker {}), retrying from {} in {}";
    String from = describe(batch.firstOffsets());
    int size = batch.decoded().size();
    CircuitBreaker.State breakerState = breaker.getState();
    if (failures == 1) {
      log.warn(message, target, size, failures, breakerState, from, delay, failure);
    } else {
      log.warn(
          message + ": {}", target, size, failures, breakerState, from, delay, failure.toString());
    }
    rewind(batch.firstOffsets());
    waitBeforeRetry(delay);
  }

  private Duration openDuration() {
    return Duration.ofMillis(
        breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
  }

  /**
   * Writes the batch; if the target refuses its data, writes it record by record and dead-letters
   * each refused record. Throws (and the batch is retried) on any other failure.
   */
  private void writeIsolatingRejected(List<DecodedBatch.Decoded<T>> decoded) {
    if (decoded.isEmpty()) {
      return;
    }
    try {
      tracing.write(
          decoded.stream().map(DecodedBatch.Decoded::record).toList(),
          () -> guardedWrite(decoded.stream().map(DecodedBatch.Decoded::value).toList()));
    } catch (RejectedWriteException batchRejected) {
      if (decoded.size() == 1) {
        rejected(decoded.get(0), batchRejected);
        return;
      }
      log.info(
          "{}: {} refused a batch of {}, writing it record by record",
          target,
          target,
          decoded.size());
      for (DecodedBatch.Decoded<T> one : decoded) {
        try {
          tracing.write(List.of(one.record()), () -> guardedWrite(List.of(one.value())));
        } catch (RejectedWriteException e) {
          rejected(one, e);
        }
      }
    }
  }

  private void guardedWrite(List<T> records) {
    if (!breaker.tryAcquirePermission()) {
      throw CallNotPermittedException.createCallNotPermittedException(breaker);
    }
    long startedAt = System.nanoTime();
    try {
      writer.write(records);
    } catch (RuntimeException e) {
      long took = System.nanoTime() - startedAt;
      breaker.onError(took, TimeUnit.NANOSECONDS, e);
      metrics.writeFailed(Duration.ofNanos(took), e);
      throw e;
    }
    long took = System.nanoTime() - startedAt;
    breaker.onSuccess(took, TimeUnit.NANOSECONDS);
    metrics.written(records.size(), Duration.ofNanos(took));
    kind.eventTime()
        .ifPresent(
            eventTime -> {
              Instant now = clock.instant();
              records.forEach(r -> metrics.stored(Duration.between(eventTime.apply(r), now)));
            });
  }

  private void rejected(DecodedBatch.Decoded<T> one, RejectedWriteException e) {
    ConsumerRecord<String, byte[]> record = one.record();
    String reason = e.getMessage() != null ? e.getMessage() : e.toString();
    deadLetters.send(record, letter(record, "sink." + target, reason));
    metrics.deadLettered("rejected");
    log.warn(
        "{}: {} {} at {} refused by the target, sent to the dead-letter topic: {}",
        target,
        kind.name(),
        kind.id().apply(one.value()),
        DecodedBatch.position(record),
        reason);
  }

  private static DeadLetter letter(
      ConsumerRecord<String, byte[]> record, String stage, String reason) {
    return new DeadLetter(stage, reason, record.topic(), record.partition(), record.offset());
  }

  /** {@code {topic-0=12, topic-1=7}}, for logs. */
  private static String describe(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return new TreeMap<>(
            offsets.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset())))
        .toString();
  }

  private void undecodable(DecodedBatch.Undecodable record) {
    if (reportsUndecodable) {
      deadLetters.send(record.record(), letter(record.record(), "sink.decode", record.reason()));
      metrics.deadLettered("undecodable");
    }
    metrics.undecodable();
    log.warn(
        "{}: {} record {} (key {}): not a valid {}: {}",
        target,
        reportsUndecodable ? "dead-lettered" : "skipped",
        record.position(),
        record.record().key(),
        kind.name(),
        record.reason());
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      commitOnce(offsets);
    } catch (WakeupException e) {
      // close() arrived during the write: the batch is stored, so record that before stopping.
      commitOnce(offsets);
      throw e;
    }
  }

  /**
   * An empty poll can still move the positions: past a transaction marker that came after its
   * records (a transaction's last offset is its marker) or past aborted records. Every record
   * before a position has been processed (a failed batch is rewound before the next poll), so the
   * position is committed: an idle, fully processed partition then shows lag 0, not 1 for ever.
   */
  private void commitPositionsPastMarkers() {
    Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      Long done = committed.get(partition);
      if (done == null) {
        continue;
      }
      long position;
      try {
        position = consumer.position(partition, Duration.ZERO);
      } catch (TimeoutException e) {
        continue; // not known without a request: a later poll will tell
      }
      if (position > done) {
        moved.put(partition, new OffsetAndMetadata(position));
      }
    }
    if (!moved.isEmpty()) {
      commit(moved);
    }
  }

  private void commitOnce(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
      offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    } catch (WakeupException | InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // Whoever reads these partitions next gets the batch again; the writes are idempotent.
      metrics.commitFailed();
      log.warn(
          "{}: committing offsets {} failed, the batch will be re-delivered",
          target,
          describe(offsets),
          e);
    }
  }

  private void rewind(Map<TopicPartition, OffsetAndMetadata> offsets) {
    // A partition revoked meanwhile restarts from its committed offset at its new owner.
    Set<TopicPartition> assigned = consumer.assignment();
    offsets.forEach(
        (partition, offset) -> {
          if (assigned.contains(partition)) {
            consumer.seek(partition, offset);
          }
        });
  }

  /**
   * Waits by polling paused partitions rather than sleeping: the consumer keeps its group
   * membership and {@link #close()} can wake it.
   */
  private void waitBeforeRetry(Duration delay) {
    metrics.retrying(true);
    pausedForRetry = true;
    consumer.pause(consumer.assignment());
    Instant until = clock.instant().plus(delay);
    try {
      Duration left = delay;
      while (running.get() && left.compareTo(Duration.ZERO) > 0) {
        ConsumerRecords<String, byte[]> stray =
            consumer.poll(left.compareTo(pollTimeout) < 0 ? left : pollTimeout);
        rewind(DecodedBatch.firstOffsets(stray));
        left = Duration.between(clock.instant(), until);
      }
    } finally {
      pausedForRetry = false;
      consumer.resume(consumer.paused());
      metrics.retrying(false);
    }
  }

  /** Partitions assigned during a back-off wait for the retry like the others. */
  private final class PauseWhileRetrying implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (pausedForRetry) {
        consumer.pause(partitions);
      }
      if (!partitions.isEmpty()) {
        try {
          consumer
              .committed(new HashSet<>(partitions))
              .forEach(
                  (partition, offset) -> {
                    if (offset != null) {
                      committed.put(partition, offset.offset());
                    }
                  });
        } catch (KafkaException e) {
          // Only the commit past a trailing marker waits for the next batch's commit.
          log.debug("{}: committed offsets of {} unknown: {}", target, partitions, e.toString());
        }
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Every processed batch is already committed; an unwritten one is simply not committed.
      partitions.forEach(committed::remove);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(committed::remove);
    }
  }

  /** Stops the loop: wakes the consumer, waits for the thread, which closes the consumer. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    running.set(false);
    if (started.compareAndSet(false, true)) {
      // Never started: the consumer is still ours to close here.
      consumer.close();
      state = LoopState.STOPPED;
      return;
    }
    consumer.wakeup();
    try {
      thread.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.warn("{}: consumer loop did not stop within {}", target, CLOSE_TIMEOUT);
    }
  }
}

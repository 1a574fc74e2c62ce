package io.vigil.sink.consume;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.OpenTelemetry;
import io.vigil.runtime.http.Health;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
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
  private final GuardedWriter<T> guarded;
  private final IsolatingWriter<T> writer;
  private final DeadLetterReporter<T> reporter;
  private final RetryPause pause;
  private final Duration pollTimeout;
  private final Backoff backoff;
  private final LoopMetrics metrics;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LoopState state = LoopState.NEW;
  private volatile int failures;
  private volatile String fatalError = "";
  // The committed offset of each assigned partition that has one, as this loop knows it (touched
  // by the loop thread only: the rebalance listener runs inside poll on that thread).
  private final Map<TopicPartition, Long> committed = new HashMap<>();

  /**
   * @param consumer a consumer this loop owns from now on (it closes it); configured with manual
   *     commits and {@code read_committed}
   * @param breaker the target's circuit breaker, configured like {@link BreakerSettings#toConfig()}
   * @param deadLetters where records that can never be written go
   */
  public ConsumerLoop(
      LoopTarget<T> target,
      Consumer<String, byte[]> consumer,
      CircuitBreaker breaker,
      DeadLetterSink deadLetters,
      ConsumerSettings settings,
      LoopMetrics metrics,
      Clock clock,
      OpenTelemetry telemetry) {
    this.target = target.name();
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = target.topic().name();
    this.kind = target.kind();
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.pollTimeout = settings.pollTimeout();
    this.backoff = settings.backoff();
    this.guarded =
        new GuardedWriter<>(
            target.writer(), Objects.requireNonNull(breaker, "breaker"), kind, metrics, clock);
    this.reporter =
        new DeadLetterReporter<>(
            this.target,
            kind,
            Objects.requireNonNull(deadLetters, "deadLetters"),
            target.reportsUndecodable(),
            metrics);
    this.writer =
        new IsolatingWriter<>(
            this.target,
            guarded,
            new WriteTracing(Objects.requireNonNull(telemetry, "telemetry"), this.target),
            reporter);
    this.pause = new RetryPause(consumer, pollTimeout, metrics, clock);
    this.thread = new Thread(this::run, "vigil-sink-" + this.target);
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
    return guarded.state();
  }

  /**
   * Up while the loop polls or waits to retry (the store's own check says whether the target is
   * reachable); down before start, after close or failure. The details name the breaker state.
   */
  public Health health() {
    String breakerState = ", circuit breaker " + guarded.state();
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
      consumer.subscribe(List.of(topic), new CommittedOffsets());
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
      writer.write(batch.decoded());
      // Reported only once the batch is through, so a retried batch reports each record once.
      batch.undecodable().forEach(reporter::undecodable);
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
    Duration delay = guarded.retryDelay(backoff.delay(failures));
    String message =
        "{}: writing {} records failed ({} in a row, breaker {}), retrying from {} in {}";
    String from = describe(batch.firstOffsets());
    int size = batch.decoded().size();
    CircuitBreaker.State breakerState = guarded.state();
    if (failures == 1) {
      log.warn(message, target, size, failures, breakerState, from, delay, failure);
    } else {
      log.warn(
          message + ": {}", target, size, failures, breakerState, from, delay, failure.toString());
    }
    pause.await(batch.firstOffsets(), delay, running::get);
  }

  /** {@code {topic-0=12, topic-1=7}}, for logs. */
  private static String describe(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return new TreeMap<>(
            offsets.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset())))
        .toString();
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

  /**
   * Keeps {@link #committed} in step with the assignment; partitions assigned during a back-off
   * wait for the retry like the others.
   */
  private final class CommittedOffsets implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      pause.assigned(partitions);
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

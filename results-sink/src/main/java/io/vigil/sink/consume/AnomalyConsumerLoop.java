package io.vigil.sink.consume;

import io.vigil.runtime.http.Health;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves anomalies from the anomalies topic to one target, on its own thread with its own consumer
 * (and consumer group), so a slow or failed target never holds up another.
 *
 * <p>Each poll is one batch: decoded, handed to the {@link AnomalyWriter}, and its offsets
 * committed synchronously only after the writer returned. When the write fails nothing is
 * committed: the consumer seeks back to the batch's first offsets, pauses its partitions for a
 * bounded, growing back-off (still polling, so it keeps its group membership), then resumes and
 * reads the same records again. Records that are not a readable anomaly are counted, logged with
 * their position and skipped, so they never block a partition.
 */
public final class AnomalyConsumerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AnomalyConsumerLoop.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String target;
  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final Deserializer<Anomaly> deserializer;
  private final AnomalyWriter writer;
  private final Duration pollTimeout;
  private final Backoff backoff;
  private final LoopMetrics metrics;
  private final Clock clock;
  private final Thread thread;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LoopState state = LoopState.NEW;
  private volatile int failures;
  private volatile String fatalError = "";
  // Touched by the loop thread only (the rebalance listener runs inside poll on that thread).
  private boolean pausedForRetry;

  /**
   * @param target the target's name, for the thread, logs and health
   * @param consumer a consumer this loop owns from now on (it closes it); configured with manual
   *     commits and {@code read_committed}
   */
  public AnomalyConsumerLoop(
      String target,
      Consumer<String, byte[]> consumer,
      Topic<String, Anomaly> topic,
      AnomalyWriter writer,
      ConsumerSettings settings,
      LoopMetrics metrics,
      Clock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.topic = topic.name();
    this.deserializer = topic.valueSerde().deserializer();
    this.writer = Objects.requireNonNull(writer, "writer");
    this.pollTimeout = settings.pollTimeout();
    this.backoff = settings.backoff();
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.thread = new Thread(this::run, "vigil-sink-" + target);
  }

  /** Starts polling on the loop's own thread. */
  public AnomalyConsumerLoop start() {
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

  /** Up while the loop polls or waits to retry; down before start, after close or failure. */
  public Health health() {
    return switch (state) {
      case RUNNING -> Health.up("consuming " + topic);
      case RETRYING ->
          Health.up("consuming " + topic + ", retrying after " + failures + " failures");
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
          process(DecodedBatch.decode(records, deserializer));
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

  private void process(DecodedBatch batch) {
    RuntimeException failure = write(batch.anomalies());
    if (failure == null) {
      failures = 0;
      state = LoopState.RUNNING;
      // Reported only once the batch is through, so a retried batch reports each record once.
      batch.undecodable().forEach(this::skip);
      commit(batch.nextOffsets());
      return;
    }
    failures++;
    state = LoopState.RETRYING;
    Duration delay = backoff.delay(failures);
    String message = "{}: writing {} anomalies failed ({} in a row), retrying from {} in {}";
    String from = describe(batch.firstOffsets());
    int size = batch.anomalies().size();
    if (failures == 1) {
      log.warn(message, target, size, failures, from, delay, failure);
    } else {
      log.warn(message + ": {}", target, size, failures, from, delay, failure.toString());
    }
    rewind(batch.firstOffsets());
    waitBeforeRetry(delay);
  }

  /** Returns null when the writer stored the batch, else what it threw. */
  private RuntimeException write(List<Anomaly> anomalies) {
    if (anomalies.isEmpty()) {
      return null;
    }
    long startedAt = System.nanoTime();
    try {
      writer.write(anomalies);
      metrics.written(anomalies.size(), Duration.ofNanos(System.nanoTime() - startedAt));
      return null;
    } catch (RuntimeException e) {
      metrics.writeFailed(Duration.ofNanos(System.nanoTime() - startedAt));
      return e;
    }
  }

  /** {@code {topic-0=12, topic-1=7}}, for logs. */
  private static String describe(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return new TreeMap<>(
            offsets.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset())))
        .toString();
  }

  private void skip(DecodedBatch.Undecodable record) {
    metrics.undecodable();
    log.warn(
        "{}: skipped record {} (key {}): not a readable anomaly: {}",
        target,
        record.position(),
        record.record().key(),
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

  private void commitOnce(Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      consumer.commitSync(offsets);
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
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Every processed batch is already committed; an unwritten one is simply not committed.
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

package io.vigil.sink.consume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The wait before a failed batch is read again: the consumer is rewound to the batch's first
 * offsets and its partitions paused, and it keeps polling (so it keeps its group membership and a
 * close can wake it) until the delay is over. Used on the loop's thread only.
 */
final class RetryPause {
  private final Consumer<String, byte[]> consumer;
  private final Duration pollTimeout;
  private final LoopMetrics metrics;
  private final Clock clock;
  private boolean active;

  RetryPause(
      Consumer<String, byte[]> consumer, Duration pollTimeout, LoopMetrics metrics, Clock clock) {
    this.consumer = consumer;
    this.pollTimeout = pollTimeout;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Rewinds to {@code offsets} and waits {@code delay}, or less once {@code running} is false. */
  void await(
      Map<TopicPartition, OffsetAndMetadata> offsets, Duration delay, BooleanSupplier running) {
    rewind(offsets);
    metrics.retrying(true);
    active = true;
    consumer.pause(consumer.assignment());
    Instant until = clock.instant().plus(delay);
    try {
      Duration left = delay;
      while (running.getAsBoolean() && left.compareTo(Duration.ZERO) > 0) {
        ConsumerRecords<String, byte[]> stray =
            consumer.poll(left.compareTo(pollTimeout) < 0 ? left : pollTimeout);
        rewind(DecodedBatch.firstOffsets(stray));
        left = Duration.between(clock.instant(), until);
      }
    } finally {
      active = false;
      consumer.resume(consumer.paused());
      metrics.retrying(false);
    }
  }

  /** Partitions assigned during a wait wait for the retry like the others. */
  void assigned(Collection<TopicPartition> partitions) {
    if (active) {
      consumer.pause(partitions);
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
}

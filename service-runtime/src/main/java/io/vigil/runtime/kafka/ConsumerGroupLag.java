package io.vigil.runtime.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag seen from outside the consumer: a group's committed offsets against the partitions'
 * last stable offsets. Unlike the clients' own lag metrics, it stays visible when the consumer is
 * dead or stuck.
 */
public final class ConsumerGroupLag {
  private final Admin admin;
  private final Duration timeout;

  public ConsumerGroupLag(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /**
   * Lag per partition the group has committed offsets for. Read-committed end offsets are used so
   * that transaction markers do not count as lag under exactly-once.
   */
  public Map<TopicPartition, Long> lag(String groupId) {
    return positions(groupId).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().lag()));
  }

  /**
   * Lag of the group on every partition of {@code topic}, including partitions it has never
   * committed to: there, everything from the log start counts as lag.
   */
  public Map<TopicPartition, Long> lag(String groupId, String topic) {
    try {
      int partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions()
              .size();
      java.util.Set<TopicPartition> all =
          java.util.stream.IntStream.range(0, partitions)
              .mapToObj(p -> new TopicPartition(topic, p))
              .collect(Collectors.toSet());
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(all, OffsetSpec.earliest());
      Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(all, OffsetSpec.latest());
      return all.stream()
          .collect(
              Collectors.toMap(
                  Function.identity(),
                  tp -> {
                    OffsetAndMetadata done = committed.get(tp);
                    long from = done != null ? done.offset() : starts.get(tp).offset();
                    return Math.max(0, ends.get(tp).offset() - from);
                  }));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot read lag of group " + groupId + " on " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading lag of group " + groupId, e);
    }
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      java.util.Set<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> request =
        partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec));
    return admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Where a group stands on one partition. */
  public record Position(long committed, long end) {
    /** Records between the committed offset and the end; never negative. */
    public long lag() {
      return Math.max(0, end - committed);
    }
  }

  /**
   * The committed and (read-committed) end offset of every partition the group has committed
   * offsets for.
   */
  public Map<TopicPartition, Position> positions(String groupId) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      committed.values().removeIf(java.util.Objects::isNull);
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          offsets(committed.keySet(), OffsetSpec.latest());
      return committed.entrySet().stream()
          .filter(e -> ends.containsKey(e.getKey()))
          .collect(
              Collectors.toMap(
                  Map.Entry::getKey,
                  e -> new Position(e.getValue().offset(), ends.get(e.getKey()).offset())));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read offsets of group " + groupId + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading offsets of group " + groupId, e);
    }
  }

  /** The group's total lag over every partition. */
  public long totalLag(String groupId) {
    return lag(groupId).values().stream().mapToLong(Long::longValue).sum();
  }
}

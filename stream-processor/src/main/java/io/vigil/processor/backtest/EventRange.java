package io.vigil.processor.backtest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * The part of the events topic a backtest scores, per partition, resolved once at its start with
 * the admin client, so every run of the backtest reads exactly the same records whatever producers
 * append meanwhile.
 */
public record EventRange(String topic, Map<Integer, PartitionRange> partitions) {
  public EventRange {
    partitions = Map.copyOf(partitions);
  }

  /**
   * Resolves {@code [from, to)} on each partition of {@code topic}: offsets are clamped to what the
   * partition holds; a time is the first offset whose record timestamp is at or after it (the log
   * end when there is none). The end is the last stable offset (committed records only).
   */
  public static EventRange resolve(Admin admin, String topic, Bound from, Bound to)
      throws ExecutionException, InterruptedException {
    List<TopicPartition> partitions =
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    Map<TopicPartition, Long> earliest = offsets(admin, partitions, p -> OffsetSpec.earliest());
    Map<TopicPartition, Long> latest = offsets(admin, partitions, p -> OffsetSpec.latest());
    Map<TopicPartition, Long> starts = at(admin, partitions, from, earliest, latest);
    Map<TopicPartition, Long> ends = at(admin, partitions, to, earliest, latest);
    Map<Integer, PartitionRange> ranges = new TreeMap<>();
    for (TopicPartition p : partitions) {
      long start = starts.get(p);
      ranges.put(
          p.partition(), new PartitionRange(p.partition(), start, Math.max(start, ends.get(p))));
    }
    return new EventRange(topic, ranges);
  }

  private static Map<TopicPartition, Long> at(
      Admin admin,
      List<TopicPartition> partitions,
      Bound bound,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> latest)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, Long> found;
    if (bound instanceof Bound.Earliest) {
      found = earliest;
    } else if (bound instanceof Bound.Latest) {
      found = latest;
    } else if (bound instanceof Bound.Offset o) {
      found = partitions.stream().collect(Collectors.toMap(p -> p, p -> o.offset()));
    } else {
      long millis = ((Bound.Time) bound).time().toEpochMilli();
      found = offsets(admin, partitions, p -> OffsetSpec.forTimestamp(millis));
    }
    return partitions.stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                p -> {
                  long offset = found.get(p);
                  // -1: no record at or after that time.
                  long at = offset < 0 ? latest.get(p) : offset;
                  return Math.min(Math.max(at, earliest.get(p)), latest.get(p));
                }));
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, List<TopicPartition> partitions, Function<TopicPartition, OffsetSpec> spec)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin
            .listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, spec)),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get();
    return result.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Events in the range, all partitions. */
  public long size() {
    return partitions.values().stream().mapToLong(PartitionRange::size).sum();
  }

  /** {@code p0 120..480, p1 ...}: what the range resolved to. */
  public String describe() {
    return partitions.values().stream()
        .sorted(java.util.Comparator.comparingInt(PartitionRange::partition))
        .map(r -> "p" + r.partition() + " " + r.start() + ".." + r.end())
        .collect(Collectors.joining(", "));
  }
}

package io.vigil.processor.control;

import io.vigil.processor.topology.Placement;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a reset request to the tasks that own its keys: one key's request to the partition that
 * owns the key ({@link Placement}, as its events), a pattern's to every partition, since its keys
 * may live in any task.
 */
public final class ResetPartitioner implements StreamPartitioner<String, ResetRequest> {
  private final Placement placement;
  private final Set<Integer> all;

  public ResetPartitioner(Placement placement) {
    this.placement = placement;
    this.all =
        IntStream.range(0, placement.partitions()).boxed().collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, ResetRequest value, int numPartitions) {
    if (value.singleKey()) {
      return Optional.of(Set.of(placement.owner(value.pattern())));
    }
    return Optional.of(all);
  }
}

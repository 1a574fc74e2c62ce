package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class PlacementTest {

  @Test
  void shouldOwnEachKeyWhereJavasDefaultPartitionerSendsIt() {
    for (int partitions : List.of(1, 3, 4, 12)) {
      Placement placement = new Placement(partitions);
      for (int i = 0; i < 1_000; i++) {
        String key = "host-" + i + "/cpu·é";
        int producers =
            BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
        assertThat(placement.owner(key)).isEqualTo(producers);
        assertThat(placement.owns(producers, key)).isTrue();
        assertThat(placement.owns((producers + 1) % partitions, key)).isEqualTo(partitions == 1);
      }
    }
  }

  @Test
  void shouldOwnNothingOnAnEventsPartitionBeyondTheScoringPartitions() {
    Placement placement = new Placement(2);

    assertThat(placement.owns(2, "any")).isFalse();
    assertThat(placement.owns(5, "other")).isFalse();
  }

  @Test
  void shouldRefuseNoPartitions() {
    assertThatThrownBy(() -> new Placement(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordOrPartitionTimeTest {
  private final RecordOrPartitionTime extractor = new RecordOrPartitionTime();

  @Test
  void shouldUseTheRecordTimestampWhenValid() {
    assertThat(extractor.extract(record(1_000L), 5_000L)).isEqualTo(1_000L);
  }

  @Test
  void shouldFallBackToPartitionTimeAndNeverFail() {
    assertThat(extractor.extract(record(-1L), 5_000L)).isEqualTo(5_000L);
    assertThat(extractor.extract(record(-1L), -1L)).isZero();
  }

  private static ConsumerRecord<Object, Object> record(long timestamp) {
    return new ConsumerRecord<>(
        "events",
        0,
        0L,
        timestamp,
        TimestampType.CREATE_TIME,
        0,
        0,
        "k",
        "v",
        new RecordHeaders(),
        Optional.empty());
  }
}

package io.vigil.processor.topology;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record's own timestamp; for a record without a valid one, the partition's time so far, or 0
 * at the very start of a partition. Kafka's default extractor would fail the task on such a record
 * and {@code UsePartitionTimeOnInvalidTimestamp} fails when no partition time is known yet; Vigil
 * takes its event time from the body anyway, so the record timestamp only orders the stream.
 */
final class RecordOrPartitionTime implements TimestampExtractor {
  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0L);
  }
}

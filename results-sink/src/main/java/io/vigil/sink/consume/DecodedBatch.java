package io.vigil.sink.consume;

import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.validation.ValidatingParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One polled batch, decoded: the records to write, the records that could not be decoded, and per
 * partition the offset to go back to on failure and the offset to commit on success.
 *
 * @param decoded decoded anomalies with their records, in poll order
 * @param undecodable records that are not a readable anomaly, with the reason
 * @param firstOffsets per partition, the batch's first record: where a retry starts again
 * @param nextOffsets per partition, the offset after the batch: what a successful write commits
 */
public record DecodedBatch<T>(
    List<Decoded<T>> decoded,
    List<Undecodable> undecodable,
    Map<TopicPartition, OffsetAndMetadata> firstOffsets,
    Map<TopicPartition, OffsetAndMetadata> nextOffsets) {

  public DecodedBatch {
    decoded = List.copyOf(decoded);
    undecodable = List.copyOf(undecodable);
    firstOffsets = Map.copyOf(firstOffsets);
    nextOffsets = Map.copyOf(nextOffsets);
  }

  /** A decoded value and the record it came from (for the dead-letter topic). */
  public record Decoded<T>(ConsumerRecord<String, byte[]> record, T value) {}

  /** A record that is not a readable value. */
  public record Undecodable(ConsumerRecord<String, byte[]> record, String reason) {
    /** {@code topic-partition@offset}, for logs. */
    public String position() {
      return DecodedBatch.position(record);
    }
  }

  /** {@code topic-partition@offset}, for logs. */
  public static String position(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }

  /** The values alone, in poll order. */
  public List<T> values() {
    return decoded.stream().map(Decoded::value).toList();
  }

  /** Validates every record with the schema's rules; refusals keep their reason. */
  public static <T> DecodedBatch<T> decode(
      ConsumerRecords<String, byte[]> records, ValidatingParser<T> parser) {
    List<Decoded<T>> decoded = new ArrayList<>(records.count());
    List<Undecodable> undecodable = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        undecodable.add(new Undecodable(record, "record has no value"));
        continue;
      }
      ParseResult<T> result = parser.parse(record.value());
      if (result instanceof ParseResult.Accepted<T> accepted) {
        decoded.add(new Decoded<>(record, accepted.value()));
      } else if (result instanceof ParseResult.Rejected<T> rejected) {
        undecodable.add(new Undecodable(record, rejected.rejection().reason()));
      }
    }
    return new DecodedBatch<>(decoded, undecodable, firstOffsets(records), nextOffsets(records));
  }

  /** Per partition, the first record's offset (with its leader epoch, for truncation checks). */
  public static Map<TopicPartition, OffsetAndMetadata> firstOffsets(
      ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> first = new LinkedHashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(partition);
      if (!list.isEmpty()) {
        first.put(partition, position(list.get(0), list.get(0).offset()));
      }
    }
    return first;
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> records) {
    // The client's own next offsets also step over transaction markers after the last record.
    Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>(records.nextOffsets());
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(partition);
      if (!list.isEmpty() && !next.containsKey(partition)) {
        ConsumerRecord<String, byte[]> last = list.get(list.size() - 1);
        next.put(partition, position(last, last.offset() + 1));
      }
    }
    return next;
  }

  private static OffsetAndMetadata position(ConsumerRecord<String, byte[]> record, long offset) {
    return new OffsetAndMetadata(offset, record.leaderEpoch(), "");
  }
}

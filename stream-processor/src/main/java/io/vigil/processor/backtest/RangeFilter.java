package io.vigil.processor.backtest;

import java.util.Map;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Passes on the events records inside the backtest's range and drops the others: the consumer
 * starts at the range's start but reads on past its end (producers keep appending), and those
 * records must not be scored.
 */
final class RangeFilter implements FixedKeyProcessor<byte[], byte[], byte[]> {
  private final Map<Integer, PartitionRange> ranges;
  private FixedKeyProcessorContext<byte[], byte[]> context;

  RangeFilter(EventRange range) {
    this.ranges = range.partitions();
  }

  @Override
  public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<byte[], byte[]> record) {
    var metadata = context.recordMetadata().orElseThrow();
    PartitionRange range = ranges.get(metadata.partition());
    if (range != null && metadata.offset() >= range.start() && metadata.offset() < range.end()) {
      context.forward(record);
    }
  }
}

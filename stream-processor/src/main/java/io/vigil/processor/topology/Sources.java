package io.vigil.processor.topology;

import io.vigil.schemas.topic.Topics;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;

/**
 * What the topology reads: the events topic, the detector-config topic, and optionally a filter in
 * front of the parser that decides from a raw record's metadata whether it is scored at all (a
 * backtest's range). The live application reads its own prefixed topics, unfiltered.
 */
public record Sources(
    String events,
    String detectorConfig,
    Optional<FixedKeyProcessorSupplier<byte[], byte[], byte[]>> eventFilter) {
  public Sources {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(detectorConfig, "detectorConfig");
    Objects.requireNonNull(eventFilter, "eventFilter");
  }

  /** The topics of that prefix, every event. */
  public static Sources of(Topics topics) {
    return new Sources(topics.events().name(), topics.detectorConfig().name(), Optional.empty());
  }
}

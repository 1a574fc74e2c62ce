package io.vigil.sink.consume;

import java.util.List;

/**
 * Writes a batch of records to one target. Implementations must be idempotent (a batch is written
 * again after a failure or a redelivery) and must throw unless every record of the batch is durably
 * stored: the consumer commits offsets only after this method returns. A record the target can
 * never take is refused with {@link RejectedWriteException}.
 */
@FunctionalInterface
public interface BatchWriter<T> {
  void write(List<T> records);
}

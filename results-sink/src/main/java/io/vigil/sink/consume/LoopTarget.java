package io.vigil.sink.consume;

import io.vigil.schemas.topic.Topic;
import java.util.Objects;

/**
 * What one consumer loop moves: records of one kind from one topic to one target.
 *
 * @param name the target's name, for the thread, logs, metrics and health
 * @param topic where the records come from
 * @param kind how they are read, named and timed
 * @param writer where they go
 * @param reportsUndecodable whether this loop dead-letters invalid records (one loop per topic
 *     does; the others only count and skip them)
 */
public record LoopTarget<T>(
    String name,
    Topic<String, T> topic,
    RecordKind<T> kind,
    BatchWriter<T> writer,
    boolean reportsUndecodable) {
  public LoopTarget {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(writer, "writer");
  }
}

package io.vigil.schemas.anomaly;

import io.vigil.schemas.validation.Fields;

/** Where the event that caused an anomaly was read from. */
public record SourcePosition(String topic, int partition, long offset) {
  /** Kafka's own limit on topic names. */
  public static final int MAX_TOPIC_LENGTH = 249;

  /**
   * Reads a position written as {@code {"topic":..,"partition":..,"offset":..}}; null stays null
   * (the field is optional).
   */
  public static SourcePosition read(Fields fields) {
    if (fields == null) {
      return null;
    }
    return new SourcePosition(
        fields.text("topic", MAX_TOPIC_LENGTH),
        fields.integer("partition", 0, Integer.MAX_VALUE),
        fields.integer("offset", 0L, Long.MAX_VALUE));
  }
}

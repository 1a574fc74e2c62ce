package io.vigil.processor.errors;

import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.util.Map;
import java.util.Objects;

/**
 * What Kafka Streams' exception handlers need. Kafka creates the handlers by class name, so their
 * collaborators reach them through the Streams properties, under the keys below.
 */
record HandlerSettings(
    ErrorMetrics metrics, String deadLetterTopic, DeadLetterLimit deadLetterLimit) {
  /** Property holding the {@link ErrorMetrics} instance. */
  static final String METRICS = "vigil.processor.handler.metrics";

  /** Property holding the dead-letter topic name. */
  static final String DEAD_LETTER_TOPIC = "vigil.processor.handler.dead.letter.topic";

  /** Property holding the {@link DeadLetterLimit}; Kafka's defaults when absent. */
  static final String DEAD_LETTER_LIMIT = "vigil.processor.handler.dead.letter.limit";

  static HandlerSettings from(Map<String, ?> configs) {
    Object metrics = configs.get(METRICS);
    if (!(metrics instanceof ErrorMetrics errorMetrics)) {
      throw new IllegalStateException(METRICS + " must hold the ErrorMetrics, was " + metrics);
    }
    Object topic = Objects.requireNonNull(configs.get(DEAD_LETTER_TOPIC), DEAD_LETTER_TOPIC);
    return new HandlerSettings(errorMetrics, topic.toString(), deadLetterLimit(configs));
  }

  /** The dead-letter limit in the Streams properties (also read by the topology's parser). */
  static DeadLetterLimit deadLetterLimit(Map<String, ?> configs) {
    return configs.get(DEAD_LETTER_LIMIT) instanceof DeadLetterLimit limit
        ? limit
        : DeadLetterLimit.defaults();
  }
}

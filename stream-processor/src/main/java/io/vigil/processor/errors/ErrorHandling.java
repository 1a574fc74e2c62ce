package io.vigil.processor.errors;

import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams properties that install Vigil's exception handlers: failed records go to the
 * dead-letter topic and are counted, never silently skipped.
 */
public final class ErrorHandling {
  private ErrorHandling() {}

  public static Map<String, Object> streamsProperties(
      ErrorMetrics metrics, String deadLetterTopic) {
    return streamsProperties(metrics, deadLetterTopic, DeadLetterLimit.defaults());
  }

  /**
   * @param deadLetterLimit dead letters above it are sent as stubs, so no record is ever too large
   *     for the dead-letter topic
   */
  public static Map<String, Object> streamsProperties(
      ErrorMetrics metrics, String deadLetterTopic, DeadLetterLimit deadLetterLimit) {
    return Map.of(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterDeserializationHandler.class,
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterProcessingHandler.class,
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        CountingProductionHandler.class,
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG,
        true,
        HandlerSettings.METRICS,
        metrics,
        HandlerSettings.DEAD_LETTER_TOPIC,
        deadLetterTopic,
        HandlerSettings.DEAD_LETTER_LIMIT,
        deadLetterLimit);
  }

  /** The dead-letter limit installed by {@link #streamsProperties}, for processors' appConfigs. */
  public static DeadLetterLimit deadLetterLimit(Map<String, ?> streamsConfigs) {
    return HandlerSettings.deadLetterLimit(streamsConfigs);
  }
}

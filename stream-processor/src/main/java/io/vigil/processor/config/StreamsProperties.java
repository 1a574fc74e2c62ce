package io.vigil.processor.config;

import io.vigil.processor.errors.ErrorHandling;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.runtime.kafka.DeadLetterLimits;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the processor, from its config. */
public final class StreamsProperties {
  private StreamsProperties() {}

  /**
   * The pass-through {@code KAFKA_*} properties first, then Vigil's own settings (which win), then
   * the exception handlers with their collaborators.
   */
  public static Properties of(ProcessorConfig config, ProcessorMetrics metrics) {
    return of(
        config,
        metrics,
        DeadLetterLimits.fromClientConfig(
            config.kafka().clientConfig(), "producer.", DeadLetterLimit.DEFAULT_MAX_MESSAGE_BYTES));
  }

  /**
   * @param deadLetterLimit what the dead-letter topic and the producer take, see {@link
   *     DeadLetterLimits#forTopic}
   */
  public static Properties of(
      ProcessorConfig config, ProcessorMetrics metrics, DeadLetterLimit deadLetterLimit) {
    Properties properties = new Properties();
    properties.putAll(config.kafka().clientProperties());
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    properties.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee().streamsValue());
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    properties.putAll(
        ErrorHandling.streamsProperties(
            metrics, config.topics().eventsDeadLetter().name(), deadLetterLimit));
    return properties;
  }
}

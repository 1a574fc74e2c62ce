package io.vigil.runtime.kafka;

import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DeadLetterLimit} of a service's dead-letter producer: the smaller of its {@code
 * max.request.size} and the dead-letter topic's {@code max.message.bytes}, asked from the broker at
 * start-up (Kafka's default when the broker cannot tell, with a warning).
 */
public final class DeadLetterLimits {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterLimits.class);

  private DeadLetterLimits() {}

  /**
   * @param clientConfig the producer's properties; {@code prefix} ("producer." for Kafka Streams,
   *     "" for a plain producer) is tried first for each property
   */
  public static DeadLetterLimit forTopic(Map<String, ?> clientConfig, String prefix, String topic) {
    int maxMessageBytes;
    try {
      maxMessageBytes = new TopicProvisioner(clientConfig).maxMessageBytes(topic);
    } catch (RuntimeException e) {
      maxMessageBytes = DeadLetterLimit.DEFAULT_MAX_MESSAGE_BYTES;
      log.warn(
          "cannot read max.message.bytes of {}, assuming Kafka's default {}: {}",
          topic,
          maxMessageBytes,
          e.toString());
    }
    DeadLetterLimit limit = fromClientConfig(clientConfig, prefix, maxMessageBytes);
    log.info(
        "dead letters to {} of up to {} bytes are sent whole, larger ones as stubs",
        topic,
        limit.maxBytes());
    return limit;
  }

  /** The limit for a topic taking batches of up to {@code maxMessageBytes}. */
  public static DeadLetterLimit fromClientConfig(
      Map<String, ?> clientConfig, String prefix, int maxMessageBytes) {
    int maxRequestSize =
        Integer.parseInt(
            property(
                clientConfig,
                prefix,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(DeadLetterLimit.DEFAULT_MAX_REQUEST_SIZE)));
    String compression =
        property(clientConfig, prefix, ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    return DeadLetterLimit.of(maxRequestSize, maxMessageBytes, !"none".equals(compression));
  }

  private static String property(
      Map<String, ?> config, String prefix, String name, String fallback) {
    Object value = config.get(prefix + name);
    if (value == null) {
      value = config.get(name);
    }
    return value == null ? fallback : value.toString().trim();
  }
}

package io.vigil.runtime.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The settings every Vigil producer runs with, whatever the pass-through {@code KAFKA_*} properties
 * say: {@code acks=all} and idempotence, because what a producer of the pipeline acknowledges must
 * survive a broker failure and a retry must not duplicate it.
 */
public final class DurableProducers {
  private DurableProducers() {}

  /** A copy of {@code clientConfig} with the durable settings forced. */
  public static Map<String, Object> config(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }
}

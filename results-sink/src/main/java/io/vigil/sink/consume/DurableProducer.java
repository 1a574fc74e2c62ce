package io.vigil.sink.consume;

import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.kafka.DurableProducers;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The sink's producers: the pass-through client properties, made durable and idempotent. */
public final class DurableProducer {
  private DurableProducer() {}

  public static Producer<String, byte[]> create(KafkaSettings kafka) {
    Map<String, Object> config = DurableProducers.config(kafka.clientConfig());
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }
}

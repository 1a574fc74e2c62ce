package io.vigil.processor.errors;

import static org.awaitility.Awaitility.await;

import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw bytes in and out of one-partition topics, for the dead-letter ITs: records written straight
 * to a topic (no ingest API, no serialiser of ours), read back as the bytes they are.
 */
final class RawRecords {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private RawRecords() {}

  /** A byte producer whose requests may exceed the broker's limit, so that limit can be reached. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            2 * DeadLetterLimit.DEFAULT_MAX_REQUEST_SIZE),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** Sends one record and answers its offset. */
  static long send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] key, byte[] value)
      throws ExecutionException, InterruptedException, TimeoutException {
    return producer
        .send(new ProducerRecord<>(topic, key, value))
        .get(30, TimeUnit.SECONDS)
        .offset();
  }

  /** Every committed record of the topic, once the reader has caught up with its end. */
  static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrapServers, String topic) {
    List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
    try (CommittedReader reader = new CommittedReader(bootstrapServers, topic, 1)) {
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                read.clear();
                read.addAll(reader.poll());
                return reader.caughtUp();
              });
    }
    return read;
  }

  /**
   * At least {@code expected} committed records with their keys as bytes (a decoded key would hide
   * a non-UTF-8 one).
   */
  static List<ConsumerRecord<byte[], byte[]>> readRaw(
      String bootstrapServers, String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= expected;
              });
    }
    return read;
  }
}

package io.vigil.localstack;

/** The Kafka broker of the local stack. */
public interface KafkaNode extends ServerNode {

  /** Value for the clients' {@code bootstrap.servers}, for example {@code 127.0.0.1:9092}. */
  String bootstrapServers();
}

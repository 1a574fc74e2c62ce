package io.vigil.localstack;

/** The Kafka broker of the local stack. */
public interface KafkaNode extends ServerNode {

  /** Value for the clients' {@code bootstrap.servers}, for example {@code 127.0.0.1:9092}. */
  String bootstrapServers();

  /**
   * Client properties besides {@code bootstrap.servers} that a client needs to get in, e.g. {@code
   * security.protocol}, {@code sasl.jaas.config} and the trust store of a SASL_SSL broker; empty
   * for a PLAINTEXT one.
   */
  default java.util.Map<String, String> clientSecurity() {
    return java.util.Map.of();
  }
}

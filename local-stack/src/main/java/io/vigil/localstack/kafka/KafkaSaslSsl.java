package io.vigil.localstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a client needs to reach a broker that accepts only SASL_SSL with SCRAM-SHA-512: the trust
 * store holding the broker's (self-signed, test-time) certificate and one SCRAM user.
 *
 * @param trustStore PKCS12 trust store with the broker's certificate
 * @param trustStorePassword its password
 * @param user a SCRAM-SHA-512 user created when the broker was formatted
 * @param password that user's password
 */
public record KafkaSaslSsl(
    Path trustStore, String trustStorePassword, String user, String password) {

  public static final String MECHANISM = "SCRAM-SHA-512";

  public KafkaSaslSsl {
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** Client properties (without {@code bootstrap.servers}) that log in as {@link #user()}. */
  public Map<String, String> clientProperties() {
    return clientProperties(user, password);
  }

  /** Client properties that log in as {@code user}, e.g. with a wrong password in a test. */
  public Map<String, String> clientProperties(String user, String password) {
    Map<String, String> props = tlsOnly();
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", MECHANISM);
    props.put("sasl.jaas.config", jaasConfig(user, password));
    return props;
  }

  /** TLS that trusts the broker, without SASL: what a client without credentials would send. */
  public Map<String, String> tlsOnly() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("security.protocol", "SSL");
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.password", trustStorePassword);
    return props;
  }

  static String jaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  @Override
  public String toString() {
    return "KafkaSaslSsl[trustStore=" + trustStore + ", user=" + user + ", password=***]";
  }
}

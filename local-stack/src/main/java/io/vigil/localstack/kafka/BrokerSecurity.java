package io.vigil.localstack.kafka;

import io.vigil.localstack.internal.RandomSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The broker side of a SASL_SSL listener: a key pair and self-signed certificate for 127.0.0.1 made
 * with the JDK's {@code keytool} at start, random passwords, and two SCRAM-SHA-512 users created
 * when the storage is formatted (the {@code kafka-storage format --add-scram} way): {@code admin}
 * for the broker itself and the readiness check, {@code vigil} for the services.
 */
record BrokerSecurity(Path keyStore, String adminPassword, KafkaSaslSsl client) {

  static final String LISTENER = "SASL_SSL";
  static final String ADMIN = "admin";
  static final String CLIENT_USER = "vigil";

  /** Generates the key store and trust store under {@code dir}. */
  static BrokerSecurity generate(Path dir) {
    String storePassword = RandomSecrets.next();
    Path keyStore = dir.resolve("broker.p12");
    Path certificate = dir.resolve("broker.crt");
    Path trustStore = dir.resolve("truststore.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "7",
        "-keystore",
        keyStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        storePassword);
    keytool(
        "-exportcert",
        "-alias",
        "broker",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        storePassword,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "broker",
        "-file",
        certificate.toString(),
        "-keystore",
        trustStore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        storePassword);
    return new BrokerSecurity(
        keyStore,
        RandomSecrets.next(),
        new KafkaSaslSsl(trustStore, storePassword, CLIENT_USER, RandomSecrets.next()));
  }

  String storePassword() {
    return client.trustStorePassword();
  }

  /** Broker settings for the SASL_SSL listener (listener names are set by the caller). */
  void addTo(Map<String, String> props) {
    props.put("sasl.enabled.mechanisms", KafkaSaslSsl.MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", KafkaSaslSsl.MECHANISM);
    props.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        KafkaSaslSsl.jaasConfig(ADMIN, adminPassword));
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", keyStore.toString());
    props.put("ssl.keystore.password", storePassword());
    props.put("ssl.key.password", storePassword());
    // The broker is its own inter-broker client: it must trust its certificate too.
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", client.trustStore().toString());
    props.put("ssl.truststore.password", storePassword());
  }

  /** The users the formatter writes into the bootstrap metadata. */
  List<String> scramArguments() {
    return List.of(
        KafkaSaslSsl.MECHANISM + "=[name=" + ADMIN + ",password=" + adminPassword + "]",
        KafkaSaslSsl.MECHANISM
            + "=[name="
            + client.user()
            + ",password="
            + client.password()
            + "]");
  }

  /** Client properties of the broker's own admin user. */
  Map<String, String> adminClientProperties() {
    return client.clientProperties(ADMIN, adminPassword);
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool " + arguments[0] + " failed: " + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run keytool", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }

  @Override
  public String toString() {
    return "BrokerSecurity[keyStore=" + keyStore + ", client=" + client + "]";
  }
}

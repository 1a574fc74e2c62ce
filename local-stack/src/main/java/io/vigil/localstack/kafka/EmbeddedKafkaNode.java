package io.vigil.localstack.kafka;

import io.vigil.localstack.KafkaNode;
import io.vigil.localstack.internal.EmbeddedServer;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.internal.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in this JVM: {@link KafkaRaftServer} in KRaft combined mode (broker and
 * controller), formatted once, restartable on the same ports and log directory.
 */
public final class EmbeddedKafkaNode extends EmbeddedServer implements KafkaNode {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaNode.class);

  /** Start-up takes 3 s on a quiet machine and up to 14 s on a loaded one (facts §1). */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private final BrokerProperties properties;
  private KafkaRaftServer server;

  private EmbeddedKafkaNode(BrokerProperties properties) {
    super("Embedded Kafka");
    this.properties = properties;
  }

  /**
   * Formats {@code dir} and starts a broker there.
   *
   * @param port broker listener port, 0 = random
   * @param controllerPort controller listener port, 0 = random
   * @param numPartitions {@code num.partitions} for topics created without a partition count
   */
  public static EmbeddedKafkaNode start(Path dir, int port, int controllerPort, int numPartitions) {
    return start(dir, port, controllerPort, numPartitions, false);
  }

  /**
   * Like {@link #start(Path, int, int, int)}; with {@code saslSsl} the client listener accepts only
   * SASL_SSL with SCRAM-SHA-512 (certificate and users made at start, see {@link #saslSsl()}).
   */
  public static EmbeddedKafkaNode start(
      Path dir, int port, int controllerPort, int numPartitions, boolean saslSsl) {
    List<Integer> free = FreePorts.pick(2);
    int brokerPort = port != 0 ? port : pickOther(free, controllerPort);
    int quorumPort = controllerPort != 0 ? controllerPort : pickOther(free, brokerPort);
    BrokerProperties properties =
        new BrokerProperties(
            brokerPort,
            quorumPort,
            numPartitions,
            TempDirs.createDirectories(dir.resolve("logs")),
            saslSsl
                ? Optional.of(
                    BrokerSecurity.generate(TempDirs.createDirectories(dir.resolve("tls"))))
                : Optional.empty());
    EmbeddedKafkaNode node = new EmbeddedKafkaNode(properties);
    format(properties);
    ExitGuard.install();
    try {
      node.restart();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  private static int pickOther(List<Integer> free, int taken) {
    return free.get(0) != taken ? free.get(0) : free.get(1);
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public String bootstrapServers() {
    return properties.bootstrapServers();
  }

  @Override
  public Map<String, String> clientSecurity() {
    return saslSsl().map(KafkaSaslSsl::clientProperties).orElse(Map.of());
  }

  /** The trust store and SCRAM user of a SASL_SSL broker; empty for a PLAINTEXT one. */
  public Optional<KafkaSaslSsl> saslSsl() {
    return properties.security().map(BrokerSecurity::client);
  }

  @Override
  protected void shutDown() {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      server = null;
    }
  }

  @Override
  protected void bootUp() {
    // Same config, ports and log directory, no re-format: the cluster keeps its data (facts §4).
    server = new KafkaRaftServer(new KafkaConfig(properties.asMap(), false), Time.SYSTEM);
    try {
      server.startup();
      awaitReady();
    } catch (RuntimeException e) {
      shutDown();
      throw e;
    }
  }

  @Override
  protected String address() {
    return bootstrapServers();
  }

  @Override
  public synchronized void close() {
    try {
      super.close();
    } finally {
      ExitGuard.restore();
    }
  }

  private static void format(BrokerProperties properties) {
    KafkaConfig config = new KafkaConfig(properties.asMap(), false);
    // The formatter prints the bootstrap metadata to stdout unless given its own stream.
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(BrokerProperties.NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(properties.logDir().toString())
          .setControllerListenerName(BrokerProperties.CONTROLLER_LISTENER)
          .setMetadataLogDirectory(config.metadataLogDir())
          .setScramArguments(
              properties.security().map(BrokerSecurity::scramArguments).orElse(List.of()))
          .run();
    } catch (Exception e) {
      throw new IllegalStateException(
          "Could not format the Kafka log directory "
              + properties.logDir()
              + ": "
              + output.toString(StandardCharsets.UTF_8),
          e);
    }
    LOG.debug("Formatted {}: {}", properties.logDir(), output.toString(StandardCharsets.UTF_8));
  }

  /**
   * Ready = the broker answers DescribeCluster with itself; the admin client retries until then.
   */
  private void awaitReady() {
    Map<String, Object> config =
        new HashMap<>(
            properties.security().map(BrokerSecurity::adminClientProperties).orElse(Map.of()));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-local-stack-readiness");
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      Collection<Node> nodes =
          admin
              .describeCluster(
                  new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
              .nodes()
              .get(READY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      if (nodes.isEmpty()) {
        throw new IllegalStateException("Embedded Kafka answered DescribeCluster without brokers");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Embedded Kafka at "
              + bootstrapServers()
              + " not ready within "
              + READY_TIMEOUT.toSeconds()
              + " s",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
    }
  }
}

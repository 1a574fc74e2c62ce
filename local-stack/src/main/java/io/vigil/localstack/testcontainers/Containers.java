package io.vigil.localstack.testcontainers;

import io.vigil.localstack.KafkaNode;
import io.vigil.localstack.PostgresNode;
import io.vigil.localstack.RedisNode;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Starts the stack's servers as Docker containers ({@code VIGIL_STACK_PROVIDER=testcontainers}).
 *
 * <p>Only loaded when that provider is selected: Testcontainers is an optional dependency. Images
 * follow the embedded servers where they can: the Kafka image has the version of the Kafka client
 * on the classpath, PostgreSQL the embedded major version (14).
 */
public final class Containers {

  static final String POSTGRES_IMAGE = "postgres:14-alpine";
  static final String REDIS_IMAGE = "redis:7-alpine";
  private static final int REDIS_PORT = 6379;

  private Containers() {}

  /** Fails with a clear message when Testcontainers finds no Docker engine. */
  public static void requireDocker() {
    if (!DockerClientFactory.instance().isDockerAvailable()) {
      throw new IllegalStateException(
          "VIGIL_STACK_PROVIDER=testcontainers but Docker is not available (Testcontainers found"
              + " no Docker engine); unset it to use the embedded servers, or point"
              + " VIGIL_STACK_KAFKA_BOOTSTRAP_SERVERS, VIGIL_STACK_JDBC_URL and"
              + " VIGIL_STACK_REDIS_URI at running servers");
    }
  }

  public static KafkaNode kafka(int numPartitions) {
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
            // Same broker behaviour as the embedded one (see kafka.BrokerProperties).
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
            .withEnv("KAFKA_NUM_PARTITIONS", Integer.toString(numPartitions))
            .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    container.start();
    return new KafkaContainerNode(container);
  }

  public static PostgresNode postgres() {
    PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE));
    container.start();
    return new PostgresContainerNode(container);
  }

  public static RedisNode redis() {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(REDIS_PORT);
    container.start();
    return new RedisContainerNode(container);
  }

  private static final class KafkaContainerNode extends ContainerNode<KafkaContainer>
      implements KafkaNode {
    KafkaContainerNode(KafkaContainer container) {
      super("kafka", container);
    }

    @Override
    public String bootstrapServers() {
      return container.getBootstrapServers();
    }
  }

  private static final class PostgresContainerNode extends ContainerNode<PostgreSQLContainer>
      implements PostgresNode {
    PostgresContainerNode(PostgreSQLContainer container) {
      super("postgres", container);
    }

    @Override
    public String jdbcUrl() {
      return container.getJdbcUrl();
    }

    @Override
    public String user() {
      return container.getUsername();
    }

    @Override
    public String password() {
      return container.getPassword();
    }
  }

  private static final class RedisContainerNode extends ContainerNode<GenericContainer<?>>
      implements RedisNode {
    RedisContainerNode(GenericContainer<?> container) {
      super("redis", container);
    }

    @Override
    public String uri() {
      return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
    }
  }
}

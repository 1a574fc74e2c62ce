package io.vigil.localstack;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LocalStack} starts: each part is either started by the stack (embedded, or a
 * Testcontainers container when {@link Provider#TESTCONTAINERS} is selected) or an external
 * endpoint that is only handed through.
 *
 * <p>The port options apply to embedded servers only; {@code 0} means a free port picked at start.
 *
 * @param provider who starts the parts that are not external
 * @param externalKafkaBootstrapServers an existing Kafka cluster, instead of starting one
 * @param externalPostgres an existing PostgreSQL database, instead of starting one
 * @param externalRedisUri an existing Redis server, instead of starting one
 * @param kafkaPartitions the broker's {@code num.partitions} (default for new topics)
 * @param kafkaPort embedded broker listener port, 0 = random
 * @param kafkaControllerPort embedded KRaft controller port, 0 = random
 * @param postgresPort embedded PostgreSQL port, 0 = random
 * @param redisPort embedded Redis port, 0 = random
 * @param secured embedded Kafka only over SASL_SSL (SCRAM-SHA-512 users, a test-time certificate)
 *     and embedded Redis with a password; for the security tests, off by default
 */
public record LocalStackOptions(
    Provider provider,
    Optional<String> externalKafkaBootstrapServers,
    Optional<JdbcEndpoint> externalPostgres,
    Optional<String> externalRedisUri,
    int kafkaPartitions,
    int kafkaPort,
    int kafkaControllerPort,
    int postgresPort,
    int redisPort,
    boolean secured) {

  public static final String ENV_PROVIDER = "VIGIL_STACK_PROVIDER";
  public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "VIGIL_STACK_KAFKA_BOOTSTRAP_SERVERS";
  public static final String ENV_JDBC_URL = "VIGIL_STACK_JDBC_URL";
  public static final String ENV_JDBC_USER = "VIGIL_STACK_JDBC_USER";
  public static final String ENV_JDBC_PASSWORD = "VIGIL_STACK_JDBC_PASSWORD";
  public static final String ENV_REDIS_URI = "VIGIL_STACK_REDIS_URI";

  public static final int DEFAULT_KAFKA_PARTITIONS = 3;

  /** Who starts the parts that are not external. */
  public enum Provider {
    /** In-process Kafka, zonky PostgreSQL and embedded Redis: needs nothing but a JDK. */
    EMBEDDED,
    /** Docker containers through Testcontainers (optional dependencies). */
    TESTCONTAINERS;

    /** Parses {@code embedded} or {@code testcontainers}, ignoring case and blanks around. */
    public static Provider parse(String value) {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      for (Provider provider : values()) {
        if (provider.label().equals(normalized)) {
          return provider;
        }
      }
      throw new IllegalArgumentException(
          ENV_PROVIDER + " must be 'embedded' or 'testcontainers', was '" + value + "'");
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An external PostgreSQL database. */
  public record JdbcEndpoint(String url, String user, String password) {
    public JdbcEndpoint {
      requireText(url, "JDBC URL");
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException(
            "JDBC URL must start with 'jdbc:postgresql:', was '" + url + "'");
      }
      requireText(user, "JDBC user");
      Objects.requireNonNull(password, "JDBC password");
    }

    @Override
    public String toString() {
      // Never print the password.
      return "JdbcEndpoint[url=" + url + ", user=" + user + "]";
    }
  }

  public LocalStackOptions {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(externalKafkaBootstrapServers, "externalKafkaBootstrapServers");
    Objects.requireNonNull(externalPostgres, "externalPostgres");
    Objects.requireNonNull(externalRedisUri, "externalRedisUri");
    externalKafkaBootstrapServers.ifPresent(s -> requireText(s, "Kafka bootstrap servers"));
    externalRedisUri.ifPresent(LocalStackOptions::requireRedisUri);
    if (kafkaPartitions < 1) {
      throw new IllegalArgumentException("kafkaPartitions must be >= 1, was " + kafkaPartitions);
    }
    requirePort(kafkaPort, "kafkaPort");
    requirePort(kafkaControllerPort, "kafkaControllerPort");
    requirePort(postgresPort, "postgresPort");
    requirePort(redisPort, "redisPort");
    if (secured && provider != Provider.EMBEDDED) {
      throw new IllegalArgumentException("secured is supported by the embedded provider only");
    }
    if (kafkaPort != 0 && kafkaPort == kafkaControllerPort) {
      throw new IllegalArgumentException(
          "kafkaPort and kafkaControllerPort must differ, both are " + kafkaPort);
    }
  }

  /** Everything embedded, random ports, 3 partitions per new topic. */
  public static LocalStackOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code VIGIL_STACK_*} variables; a variable that is absent or blank keeps the
   * default.
   *
   * @throws IllegalArgumentException naming the variable when a value is unusable
   */
  public static LocalStackOptions fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Builder builder = builder();
    value(env, ENV_PROVIDER).map(Provider::parse).ifPresent(builder::provider);
    value(env, ENV_KAFKA_BOOTSTRAP_SERVERS).ifPresent(builder::externalKafka);
    value(env, ENV_REDIS_URI).ifPresent(builder::externalRedis);

    Optional<String> jdbcUrl = value(env, ENV_JDBC_URL);
    Optional<String> jdbcUser = value(env, ENV_JDBC_USER);
    Optional<String> jdbcPassword = Optional.ofNullable(env.get(ENV_JDBC_PASSWORD));
    if (jdbcUrl.isPresent()) {
      builder.externalPostgres(
          new JdbcEndpoint(jdbcUrl.get(), jdbcUser.orElse("postgres"), jdbcPassword.orElse("")));
    } else if (jdbcUser.isPresent() || value(env, ENV_JDBC_PASSWORD).isPresent()) {
      // Credentials without a URL would be silently ignored: surely a typo in the environment.
      throw new IllegalArgumentException(
          ENV_JDBC_USER + "/" + ENV_JDBC_PASSWORD + " are set but " + ENV_JDBC_URL + " is not");
    }
    return builder.build();
  }

  public boolean kafkaExternal() {
    return externalKafkaBootstrapServers.isPresent();
  }

  public boolean postgresExternal() {
    return externalPostgres.isPresent();
  }

  public boolean redisExternal() {
    return externalRedisUri.isPresent();
  }

  public Builder toBuilder() {
    Builder builder =
        builder()
            .provider(provider)
            .kafkaPartitions(kafkaPartitions)
            .kafkaPort(kafkaPort)
            .kafkaControllerPort(kafkaControllerPort)
            .postgresPort(postgresPort)
            .redisPort(redisPort)
            .secured(secured);
    externalKafkaBootstrapServers.ifPresent(builder::externalKafka);
    externalPostgres.ifPresent(builder::externalPostgres);
    externalRedisUri.ifPresent(builder::externalRedis);
    return builder;
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  private static void requireRedisUri(String uri) {
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new IllegalArgumentException(
          "Redis URI must start with 'redis://' or 'rediss://', was '" + uri + "'");
    }
  }

  private static void requirePort(int port, String what) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(what + " must be 0 (random) or 1-65535, was " + port);
    }
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private Provider provider = Provider.EMBEDDED;
    private String externalKafka;
    private JdbcEndpoint externalPostgres;
    private String externalRedis;
    private int kafkaPartitions = DEFAULT_KAFKA_PARTITIONS;
    private int kafkaPort;
    private int kafkaControllerPort;
    private int postgresPort;
    private int redisPort;
    private boolean secured;

    private Builder() {}

    public Builder provider(Provider provider) {
      this.provider = provider;
      return this;
    }

    public Builder externalKafka(String bootstrapServers) {
      this.externalKafka = bootstrapServers;
      return this;
    }

    public Builder externalPostgres(JdbcEndpoint endpoint) {
      this.externalPostgres = endpoint;
      return this;
    }

    public Builder externalPostgres(String jdbcUrl, String user, String password) {
      return externalPostgres(new JdbcEndpoint(jdbcUrl, user, password));
    }

    public Builder externalRedis(String uri) {
      this.externalRedis = uri;
      return this;
    }

    public Builder kafkaPartitions(int partitions) {
      this.kafkaPartitions = partitions;
      return this;
    }

    public Builder kafkaPort(int port) {
      this.kafkaPort = port;
      return this;
    }

    public Builder kafkaControllerPort(int port) {
      this.kafkaControllerPort = port;
      return this;
    }

    public Builder postgresPort(int port) {
      this.postgresPort = port;
      return this;
    }

    public Builder redisPort(int port) {
      this.redisPort = port;
      return this;
    }

    public Builder secured(boolean secured) {
      this.secured = secured;
      return this;
    }

    public LocalStackOptions build() {
      return new LocalStackOptions(
          provider,
          Optional.ofNullable(externalKafka),
          Optional.ofNullable(externalPostgres),
          Optional.ofNullable(externalRedis),
          kafkaPartitions,
          kafkaPort,
          kafkaControllerPort,
          postgresPort,
          redisPort,
          secured);
    }
  }
}

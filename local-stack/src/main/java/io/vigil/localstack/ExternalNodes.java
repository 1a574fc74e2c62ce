package io.vigil.localstack;

import io.vigil.localstack.LocalStackOptions.JdbcEndpoint;

/** Handles for servers the environment provides: the stack only hands their endpoints through. */
final class ExternalNodes {

  private ExternalNodes() {}

  static KafkaNode kafka(String bootstrapServers) {
    return new ExternalKafka(bootstrapServers);
  }

  static PostgresNode postgres(JdbcEndpoint endpoint) {
    return new ExternalPostgres(endpoint);
  }

  static RedisNode redis(String uri) {
    return new ExternalRedis(uri);
  }

  private static IllegalStateException notOwned(String operation, String name, String variable) {
    return new IllegalStateException(
        "Cannot "
            + operation
            + " "
            + name
            + ": it is an external server ("
            + variable
            + "), not one this local stack started");
  }

  private record ExternalKafka(String bootstrapServers) implements KafkaNode {
    @Override
    public String name() {
      return "kafka";
    }

    @Override
    public boolean external() {
      return true;
    }

    @Override
    public void stop() {
      throw notOwned("stop", name(), LocalStackOptions.ENV_KAFKA_BOOTSTRAP_SERVERS);
    }

    @Override
    public void restart() {
      throw notOwned("restart", name(), LocalStackOptions.ENV_KAFKA_BOOTSTRAP_SERVERS);
    }
  }

  private record ExternalPostgres(JdbcEndpoint endpoint) implements PostgresNode {
    @Override
    public String name() {
      return "postgres";
    }

    @Override
    public boolean external() {
      return true;
    }

    @Override
    public String jdbcUrl() {
      return endpoint.url();
    }

    @Override
    public String user() {
      return endpoint.user();
    }

    @Override
    public String password() {
      return endpoint.password();
    }

    @Override
    public void stop() {
      throw notOwned("stop", name(), LocalStackOptions.ENV_JDBC_URL);
    }

    @Override
    public void restart() {
      throw notOwned("restart", name(), LocalStackOptions.ENV_JDBC_URL);
    }
  }

  private record ExternalRedis(String uri) implements RedisNode {
    @Override
    public String name() {
      return "redis";
    }

    @Override
    public boolean external() {
      return true;
    }

    @Override
    public void stop() {
      throw notOwned("stop", name(), LocalStackOptions.ENV_REDIS_URI);
    }

    @Override
    public void restart() {
      throw notOwned("restart", name(), LocalStackOptions.ENV_REDIS_URI);
    }
  }
}

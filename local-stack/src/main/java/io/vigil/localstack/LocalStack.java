package io.vigil.localstack;

import io.vigil.localstack.LocalStackOptions.Provider;
import io.vigil.localstack.internal.RandomSecrets;
import io.vigil.localstack.internal.TempDirs;
import io.vigil.localstack.kafka.EmbeddedKafkaNode;
import io.vigil.localstack.postgres.EmbeddedPostgresNode;
import io.vigil.localstack.redis.EmbeddedRedisNode;
import io.vigil.localstack.testcontainers.Containers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka, PostgreSQL and Redis servers for the tests and for {@code ./vigil demo}: each
 * embedded in or next to this JVM (default), from Testcontainers, or an external endpoint.
 *
 * <p>Working files live in one {@code vigil-stack-*} directory under {@code java.io.tmpdir},
 * deleted by {@link #close()}. No shutdown hook is installed here: callers decide.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final Path workDir;
  private final KafkaNode kafka;
  private final PostgresNode postgres;
  private final RedisNode redis;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalStack(Path workDir, KafkaNode kafka, PostgresNode postgres, RedisNode redis) {
    this.workDir = workDir;
    this.kafka = kafka;
    this.postgres = postgres;
    this.redis = redis;
  }

  /** Options from the {@code VIGIL_STACK_*} environment variables. */
  public static LocalStack start() {
    return start(LocalStackOptions.fromEnvironment(System.getenv()));
  }

  /**
   * Starts every part that is not external, in parallel, and returns once all are ready.
   *
   * @throws IllegalStateException naming each part that failed; the parts that did start are
   *     stopped again and the temporary directory is deleted
   */
  public static LocalStack start(LocalStackOptions options) {
    Objects.requireNonNull(options, "options");
    long started = System.nanoTime();
    if (options.provider() == Provider.TESTCONTAINERS
        && !(options.kafkaExternal() && options.postgresExternal() && options.redisExternal())) {
      requireTestcontainers();
    }
    Path workDir = TempDirs.create();
    ExecutorService pool = Executors.newFixedThreadPool(3, new StartThreads());
    Map<String, Throwable> failures = new LinkedHashMap<>();
    KafkaNode kafka;
    PostgresNode postgres;
    RedisNode redis;
    try {
      Future<KafkaNode> kafkaStart = pool.submit(() -> startKafka(options, workDir));
      Future<PostgresNode> postgresStart = pool.submit(() -> startPostgres(options, workDir));
      Future<RedisNode> redisStart = pool.submit(() -> startRedis(options, workDir));
      kafka = await(kafkaStart, describe("kafka", options.kafkaExternal(), options), failures);
      postgres =
          await(postgresStart, describe("postgres", options.postgresExternal(), options), failures);
      redis = await(redisStart, describe("redis", options.redisExternal(), options), failures);
    } finally {
      pool.shutdown();
    }

    LocalStack stack = new LocalStack(workDir, kafka, postgres, redis);
    if (!failures.isEmpty()) {
      stack.close();
      throw startFailure(failures);
    }
    LOG.info(
        "Local stack ready in {} ms: kafka={} ({}), jdbc={} ({}), redis={} ({})",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        stack.kafkaBootstrapServers(),
        origin(kafka, options),
        stack.jdbcUrl(),
        origin(postgres, options),
        stack.redisUri(),
        origin(redis, options));
    return stack;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  /**
   * {@code bootstrap.servers} plus whatever else a client needs to get in (SASL_SSL settings of a
   * {@linkplain LocalStackOptions#secured() secured} stack).
   */
  public Map<String, String> kafkaClientProperties() {
    Map<String, String> props = new LinkedHashMap<>(kafka.clientSecurity());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    return props;
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl();
  }

  public String jdbcUser() {
    return postgres.user();
  }

  public String jdbcPassword() {
    return postgres.password();
  }

  public String redisUri() {
    return redis.uri();
  }

  public KafkaNode kafka() {
    return kafka;
  }

  public PostgresNode postgres() {
    return postgres;
  }

  public RedisNode redis() {
    return redis;
  }

  /** Stops every server this stack started and deletes its temporary directory. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    // Best effort: one part failing to stop must not leave the others running.
    for (ServerNode node : new ServerNode[] {redis, postgres, kafka}) {
      if (node instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.warn("Could not stop {} cleanly", node.name(), e);
        }
      }
    }
    try {
      TempDirs.deleteRecursively(workDir);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", workDir, e);
    }
    LOG.info(
        "Local stack closed in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @Override
  public String toString() {
    return "LocalStack[kafka="
        + (kafka == null ? "-" : kafka.bootstrapServers())
        + ", jdbc="
        + (postgres == null ? "-" : postgres.jdbcUrl())
        + ", redis="
        + (redis == null ? "-" : redis.uri())
        + "]";
  }

  private static KafkaNode startKafka(LocalStackOptions options, Path workDir) {
    if (options.kafkaExternal()) {
      return ExternalNodes.kafka(options.externalKafkaBootstrapServers().orElseThrow());
    }
    return switch (options.provider()) {
      case EMBEDDED ->
          EmbeddedKafkaNode.start(
              workDir.resolve("kafka"),
              options.kafkaPort(),
              options.kafkaControllerPort(),
              options.kafkaPartitions(),
              options.secured());
      case TESTCONTAINERS -> Containers.kafka(options.kafkaPartitions());
    };
  }

  private static PostgresNode startPostgres(LocalStackOptions options, Path workDir) {
    if (options.postgresExternal()) {
      return ExternalNodes.postgres(options.externalPostgres().orElseThrow());
    }
    return switch (options.provider()) {
      case EMBEDDED ->
          EmbeddedPostgresNode.start(workDir.resolve("postgres"), options.postgresPort());
      case TESTCONTAINERS -> Containers.postgres();
    };
  }

  private static RedisNode startRedis(LocalStackOptions options, Path workDir) {
    if (options.redisExternal()) {
      return ExternalNodes.redis(options.externalRedisUri().orElseThrow());
    }
    return switch (options.provider()) {
      case EMBEDDED ->
          EmbeddedRedisNode.start(
              workDir.resolve("redis"),
              options.redisPort(),
              options.secured() ? Optional.of(RandomSecrets.next()) : Optional.empty());
      case TESTCONTAINERS -> Containers.redis();
    };
  }

  /** Testcontainers is optional: check for it before any of its classes is touched. */
  private static void requireTestcontainers() {
    try {
      Class.forName(
          "org.testcontainers.DockerClientFactory", false, LocalStack.class.getClassLoader());
      Class.forName(
          "org.testcontainers.kafka.KafkaContainer", false, LocalStack.class.getClassLoader());
      Class.forName(
          "org.testcontainers.postgresql.PostgreSQLContainer",
          false,
          LocalStack.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "VIGIL_STACK_PROVIDER=testcontainers needs org.testcontainers:testcontainers-kafka and"
              + " testcontainers-postgresql on the classpath (optional dependencies of"
              + " vigil-local-stack): "
              + e.getMessage(),
          e);
    }
    Containers.requireDocker();
  }

  private static String describe(String part, boolean external, LocalStackOptions options) {
    return part + " (" + (external ? "external" : options.provider().label()) + ")";
  }

  private static String origin(ServerNode node, LocalStackOptions options) {
    return node.external() ? "external" : options.provider().label();
  }

  /** Waits for a part even if interrupted, so nothing it started is left behind unclosed. */
  private static <T> T await(Future<T> future, String part, Map<String, Throwable> failures) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          failures.put(part, e.getCause());
          return null;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static IllegalStateException startFailure(Map<String, Throwable> failures) {
    String summary =
        failures.entrySet().stream()
            .map(f -> f.getKey() + " failed: " + messages(f.getValue()))
            .collect(Collectors.joining("; "));
    List<Throwable> causes = new ArrayList<>(failures.values());
    IllegalStateException failure =
        new IllegalStateException("Local stack did not start: " + summary, causes.get(0));
    causes.stream().skip(1).forEach(failure::addSuppressed);
    return failure;
  }

  /** The cause chain's messages: the root cause (port in use, no Docker...) is what users need. */
  private static String messages(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null && messages.size() < 5; t = t.getCause()) {
      String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }

  /** Daemon threads, so a hung start never keeps the JVM alive. */
  private static final class StartThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "vigil-stack-start-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}

package io.vigil.bench.kafka;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.LocalStackOptions;
import io.vigil.localstack.internal.TempDirs;
import io.vigil.localstack.kafka.EmbeddedKafkaNode;
import io.vigil.runtime.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster of a run: the given one, or an embedded broker (the local stack's KRaft node)
 * started for the run and stopped, with its data, by {@link #close()}. The working directory holds
 * the broker's log and the Streams state of every repetition.
 */
final class BenchCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BenchCluster.class);

  private final Path workDir;
  private final String bootstrapServers;
  private final AutoCloseable embedded;
  private final Map<String, String> sinkEnvironment;

  private BenchCluster(
      Path workDir,
      String bootstrapServers,
      AutoCloseable embedded,
      Map<String, String> sinkEnvironment) {
    this.workDir = workDir;
    this.bootstrapServers = bootstrapServers;
    this.embedded = embedded;
    this.sinkEnvironment = Map.copyOf(sinkEnvironment);
  }

  /**
   * @param stores whether the run needs PostgreSQL and Redis too (the sink profiles): embedded, the
   *     whole local stack is started; with a cluster given, the sink's own {@code
   *     VIGIL_SINK_JDBC_*} and {@code VIGIL_SINK_REDIS_URI} settings say where they are
   */
  static BenchCluster open(Optional<String> bootstrapServers, int partitions, boolean stores) {
    Path workDir = TempDirs.create();
    if (bootstrapServers.isPresent()) {
      return new BenchCluster(workDir, bootstrapServers.get(), null, Map.of());
    }
    try {
      if (stores) {
        LocalStack stack =
            LocalStack.start(LocalStackOptions.builder().kafkaPartitions(partitions).build());
        Map<String, String> sink = new HashMap<>();
        sink.put(Settings.envName("vigil.sink.jdbc.url"), stack.jdbcUrl());
        if (stack.jdbcUser() != null) {
          sink.put(Settings.envName("vigil.sink.jdbc.user"), stack.jdbcUser());
        }
        if (stack.jdbcPassword() != null) {
          sink.put(Settings.envName("vigil.sink.jdbc.password"), stack.jdbcPassword());
        }
        sink.put(Settings.envName("vigil.sink.redis.uri"), stack.redisUri());
        return new BenchCluster(workDir, stack.kafkaBootstrapServers(), stack, sink);
      }
      EmbeddedKafkaNode node = EmbeddedKafkaNode.start(workDir.resolve("kafka"), 0, 0, partitions);
      return new BenchCluster(workDir, node.bootstrapServers(), node, Map.of());
    } catch (RuntimeException e) {
      delete(workDir);
      throw e;
    }
  }

  /** Where the embedded PostgreSQL and Redis are, as the sink's settings; empty otherwise. */
  Map<String, String> sinkEnvironment() {
    return sinkEnvironment;
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@code embedded} or the bootstrap servers. */
  String description() {
    return embedded != null ? "embedded" : bootstrapServers;
  }

  /** A fresh directory for one repetition's Streams state. */
  Path stateDir(String name) {
    return TempDirs.createDirectories(workDir.resolve("state").resolve(name));
  }

  @Override
  public void close() {
    if (embedded != null) {
      try {
        embedded.close();
      } catch (Exception e) {
        log.warn("could not stop the embedded servers: {}", e.toString());
      }
    }
    delete(workDir);
  }

  static void delete(Path dir) {
    try {
      TempDirs.deleteRecursively(dir);
    } catch (IOException e) {
      // Temporary files left behind must not fail a finished run.
      log.warn("could not delete {}: {}", dir, e.toString());
    }
  }

  /** Bytes of the regular files under {@code dir}. */
  static long size(Path dir) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
      return files
          .filter(java.nio.file.Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return java.nio.file.Files.size(file);
                } catch (IOException e) {
                  return 0; // a file RocksDB removed meanwhile
                }
              })
          .sum();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot measure " + dir, e);
    }
  }
}

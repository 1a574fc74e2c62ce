package io.vigil.bench.kafka;

import io.vigil.localstack.internal.TempDirs;
import io.vigil.localstack.kafka.EmbeddedKafkaNode;
import java.io.IOException;
import java.nio.file.Path;
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
  private final EmbeddedKafkaNode embedded;

  private BenchCluster(Path workDir, String bootstrapServers, EmbeddedKafkaNode embedded) {
    this.workDir = workDir;
    this.bootstrapServers = bootstrapServers;
    this.embedded = embedded;
  }

  static BenchCluster open(Optional<String> bootstrapServers, int partitions) {
    Path workDir = TempDirs.create();
    if (bootstrapServers.isPresent()) {
      return new BenchCluster(workDir, bootstrapServers.get(), null);
    }
    try {
      EmbeddedKafkaNode node = EmbeddedKafkaNode.start(workDir.resolve("kafka"), 0, 0, partitions);
      return new BenchCluster(workDir, node.bootstrapServers(), node);
    } catch (RuntimeException e) {
      delete(workDir);
      throw e;
    }
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
      embedded.close();
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

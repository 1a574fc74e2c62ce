package io.vigil.localstack.redis;

import io.vigil.localstack.RedisNode;
import io.vigil.localstack.internal.EmbeddedServer;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.internal.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server (the binary shipped in codemonstur embedded-redis), with its executable,
 * config and data all inside the stack's temporary directory.
 *
 * <p>Restart reuses the same {@link RedisServer} instance: Redis saves {@code dump.rdb} into {@code
 * dir} on SIGTERM and loads it on start, so data survives (facts §4).
 */
public final class EmbeddedRedisNode extends EmbeddedServer implements RedisNode {

  private static final String HOST = "127.0.0.1";

  private final int port;
  private final RedisServer server;
  private final Optional<String> password;

  private EmbeddedRedisNode(int port, RedisServer server, Optional<String> password) {
    super("Embedded Redis");
    this.port = port;
    this.server = server;
    this.password = password;
  }

  /** Starts Redis with everything under {@code dir}; {@code port} 0 = random. */
  public static EmbeddedRedisNode start(Path dir, int port) {
    return start(dir, port, Optional.empty());
  }

  /**
   * Like {@link #start(Path, int)}; with a {@code password}, the default user needs it ({@code
   * requirepass}) and every client must AUTH first.
   */
  public static EmbeddedRedisNode start(Path dir, int port, Optional<String> password) {
    int actualPort = FreePorts.orFree(port);
    Path dataDir = TempDirs.createDirectories(dir.resolve("data"));
    File binDir = TempDirs.createDirectories(dir.resolve("bin")).toFile();
    try {
      File executable = ExecutableProvider.newJarResourceProvider(binDir).get();
      // Our own config file: the library's builder writes one to java.io.tmpdir instead.
      Path config = dir.resolve("redis.conf");
      List<String> lines = new ArrayList<>(configLines(actualPort, dataDir));
      password.ifPresent(p -> lines.add("requirepass " + p));
      Files.write(config, lines);
      EmbeddedRedisNode node =
          new EmbeddedRedisNode(
              actualPort,
              new RedisServer(
                  actualPort, List.of(executable.getAbsolutePath(), config.toString()), false),
              password);
      node.restart();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not prepare embedded Redis in " + dir, e);
    }
  }

  private static List<String> configLines(int port, Path dataDir) {
    return List.of(
        "bind " + HOST,
        "port " + port,
        "daemonize no",
        // Logs go to stdout, where the library waits for "Ready to accept connections".
        "logfile \"\"",
        // Redis would write dump.rdb to its working directory, the binary's folder.
        "dir " + dataDir,
        "dbfilename dump.rdb",
        "appendonly no",
        // Save points make SIGTERM write dump.rdb, which is how a restart keeps the data.
        "save 3600 1",
        "save 300 100",
        "save 60 10000");
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  @Override
  public Optional<String> password() {
    return password;
  }

  @Override
  protected void shutDown() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop embedded Redis", e);
    }
  }

  @Override
  protected void bootUp() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded Redis on port " + port, e);
    }
  }

  @Override
  protected String address() {
    return uri();
  }
}

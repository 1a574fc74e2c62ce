package io.vigil.localstack.postgres;

import io.vigil.localstack.PostgresNode;
import io.vigil.localstack.internal.EmbeddedServer;
import io.vigil.localstack.internal.TempDirs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky binaries, run through {@code unshare -U} when the JVM is root).
 *
 * <p>A zonky instance starts only once, so a restart builds a new one on the same port and data
 * directory, with {@code cleanDataDirectory=false} so neither stop nor restart loses data (facts
 * §4). Binaries are unpacked once per machine to {@code java.io.tmpdir/embedded-pg} and reused.
 */
public final class EmbeddedPostgresNode extends EmbeddedServer implements PostgresNode {

  /** zonky waits 10 s by default; a first unpack on a loaded machine takes 5-9 s alone. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

  public static final String USER = "postgres";
  public static final String DATABASE = "postgres";

  private final Path dataDir;
  // Volatile, not guarded: jdbcUrl() must not wait behind a restart.
  private volatile int port;
  private EmbeddedPostgres server;

  private EmbeddedPostgresNode(Path dataDir, int port) {
    super("Embedded PostgreSQL");
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Runs initdb in {@code dir} and starts the server; {@code port} 0 = random. */
  public static EmbeddedPostgresNode start(Path dir, int port) {
    EmbeddedPostgresNode node = new EmbeddedPostgresNode(TempDirs.createDirectories(dir), port);
    node.restart();
    return node;
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean external() {
    return false;
  }

  @Override
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  @Override
  public String user() {
    return USER;
  }

  @Override
  public String password() {
    return "";
  }

  @Override
  protected void shutDown() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
    } finally {
      server = null;
    }
  }

  @Override
  protected void bootUp() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_WAIT)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, e);
    }
    // The first start picks a random port when asked for 0; restarts must reuse it.
    port = server.getPort();
  }

  @Override
  protected String address() {
    return jdbcUrl();
  }
}

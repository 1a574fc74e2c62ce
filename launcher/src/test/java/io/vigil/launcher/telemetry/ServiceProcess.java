package io.vigil.launcher.telemetry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Vigil service started as its own JVM by the {@code vigil} launcher script with {@code --otel}
 * (the OpenTelemetry agent attached), its standard output (the JSON logs) kept in a file.
 */
final class ServiceProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Process process;
  private final Path stdout;
  private final int port;

  private ServiceProcess(Process process, Path stdout, int port) {
    this.process = process;
    this.stdout = stdout;
    this.port = port;
  }

  /** Starts {@code ./vigil --otel <command>} in the repository root with {@code env} added. */
  static ServiceProcess start(String command, int port, Map<String, String> env, Path logs)
      throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path out = logs.resolve(command + ".out");
    ProcessBuilder builder =
        new ProcessBuilder(List.of(root.resolve("vigil").toString(), "--otel", command))
            .directory(root.toFile())
            .redirectOutput(out.toFile())
            .redirectError(logs.resolve(command + ".err").toFile());
    builder.environment().putAll(env);
    builder.environment().put("VIGIL_HTTP_PORT", Integer.toString(port));
    builder.environment().put("VIGIL_HTTP_HOST", "127.0.0.1");
    // The build under test made the jar and the agent; the script must not rebuild.
    builder.environment().put("VIGIL_NO_BUILD", "1");
    return new ServiceProcess(builder.start(), out, port);
  }

  /** Waits until {@code /health/ready} answers 200. */
  ServiceProcess awaitReady(Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue());
              }
              return get("/health/ready").statusCode() == 200;
            });
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String metrics() throws IOException, InterruptedException {
    return get("/metrics").body();
  }

  int port() {
    return port;
  }

  List<String> logLines() throws IOException {
    return Files.readAllLines(stdout);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

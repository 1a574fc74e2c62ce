package io.vigil.processor;

import static org.awaitility.Awaitility.await;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

/** Processors for integration tests: the small EWMA setup, scores on. */
public final class TestProcessors {
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private TestProcessors() {}

  /** The environment of a processor JVM ({@link #spawn}) with its own state and admin port. */
  public static Map<String, String> env(
      String bootstrapServers, String prefix, Path stateDir, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    env.put("VIGIL_TOPIC_PREFIX", prefix);
    env.put("VIGIL_PROCESSOR_APPLICATION_ID", prefix + "processor");
    env.put("VIGIL_PROCESSOR_STATE_DIR", stateDir.toString());
    env.put("VIGIL_PROCESSOR_DETECTOR", "ewma");
    env.put("VIGIL_PROCESSOR_SCORES_ENABLED", "true");
    env.put("VIGIL_HTTP_HOST", "127.0.0.1");
    env.put("VIGIL_HTTP_PORT", Integer.toString(port));
    env.put("VIGIL_LOG_LEVEL", "WARN");
    return env;
  }

  /** A processor in its own JVM, as {@code ./vigil processor} runs it; output to {@code log}. */
  public static Process spawn(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            ProcessorMain.class.getName());
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  /** A processor JVM of {@link #start(String, String, Path, String, Map)}. */
  public record Instance(String name, Process process, int port, Path stateDir) {
    /** SIGTERM, and waits for the JVM to end. */
    public boolean stop() throws InterruptedException {
      process.destroy();
      return process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** SIGKILL, and waits for the JVM to be gone. */
    public void kill() throws InterruptedException {
      process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * A processor JVM named {@code name} of the application {@code prefix + "processor"}, with its
   * own admin port and state under {@code dir/name}, its output in {@code dir/name.log}, and {@code
   * extra} environment on top of {@link #env}.
   */
  public static Instance start(
      String bootstrapServers, String prefix, Path dir, String name, Map<String, String> extra) {
    int port = io.vigil.localstack.internal.FreePorts.pick(1).get(0);
    Path stateDir = dir.resolve(name);
    Map<String, String> env = env(bootstrapServers, prefix, stateDir, port);
    env.putAll(extra);
    try {
      java.nio.file.Files.createDirectories(dir);
      return new Instance(name, spawn(env, dir.resolve(name + ".log")), port, stateDir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static void awaitReady(int port) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> TestHttp.get(port, "/health/ready").statusCode() == 200);
  }

  /** The events, dead-letter, anomalies and scores topics; {@code scores} with these configs. */
  public static void createTopics(
      String bootstrapServers, Topics topics, int partitions, Map<String, String> scoresConfigs) {
    new TopicProvisioner(Map.of("bootstrap.servers", bootstrapServers))
        .ensure(
            List.of(
                new NewTopic(topics.events().name(), partitions, (short) 1),
                new NewTopic(topics.eventsDeadLetter().name(), partitions, (short) 1),
                new NewTopic(topics.anomalies().name(), partitions, (short) 1),
                new NewTopic(topics.scores().name(), partitions, (short) 1)
                    .configs(scoresConfigs)));
  }

  public static ProcessorApplication start(String bootstrapServers, String prefix, Path stateDir) {
    return start(bootstrapServers, prefix, stateDir, Map.of());
  }

  /** The same with {@code extra} settings on top. */
  public static ProcessorApplication start(
      String bootstrapServers, String prefix, Path stateDir, Map<String, String> extra) {
    Map<String, String> settings =
        new java.util.HashMap<>(
            Map.of(
                "kafka.bootstrap.servers",
                bootstrapServers,
                "vigil.topic.prefix",
                prefix,
                "vigil.processor.application.id",
                prefix + "processor",
                "vigil.processor.state.dir",
                stateDir.toString(),
                "vigil.processor.detector",
                "ewma",
                "vigil.processor.scores.enabled",
                "true",
                "vigil.http.host",
                "127.0.0.1",
                "vigil.http.port",
                "0"));
    settings.putAll(extra);
    return ProcessorApplication.start(
        ProcessorConfig.from(Settings.of(settings)), Clock.systemUTC());
  }
}

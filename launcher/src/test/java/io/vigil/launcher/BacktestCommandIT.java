package io.vigil.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.topology.Placement;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.schemas.anomaly.AnomalyId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil backtest} on the embedded broker: three series with spikes, a live config and a
 * candidate that ignores deviations under 20, labels on the feedback topic, a range cut by record
 * time at both ends.
 */
@WithLocalStack
class BacktestCommandIT {
  private static final int EVENTS = 200;
  private static final Instant START =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
  private static final long STEP_SECONDS = 10;

  /** Big spikes on s-1 and s-3, a moderate one on s-2: index in the series → value. */
  private static final Map<String, Map<Integer, Double>> SPIKES =
      Map.of("s-1", Map.of(100, 500.0), "s-2", Map.of(150, 58.0), "s-3", Map.of(120, 500.0));

  /** A key of the pattern that stops at index 120, scored by the task that also scores s-1. */
  private static final String SILENT = silentKey();

  private static final int SILENT_FROM = 120;

  private final LocalStack stack;

  BacktestCommandIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldScoreARangeWithTheLiveAndACandidateConfigSideBySideAndLeaveNothingBehind(
      @TempDir Path dir) throws Exception {
    String prefix = seed();
    Path candidate = dir.resolve("candidate.ndjson");
    Files.writeString(candidate, config(",\"rules\":{\"margin\":{\"absolute\":20}}", 2) + "\n");

    CliRun cli = new CliRun();
    int exit =
        backtest(
            cli,
            prefix,
            "--from",
            time(10).toString(),
            "--to",
            time(180).toString(),
            "--config",
            candidate.toString(),
            "--output",
            dir.resolve("out").toString());

    System.out.println(cli.out());
    assertThat(exit).as(cli.err()).isZero();
    // [10, 180) of s-1..s-3 and [10, 120) of the silent key.
    int events = 3 * 170 + 110;
    assertThat(cli.out()).contains(events + " events");
    // pattern, config, events, anomalies, low, medium, high, critical, labelled, precision
    assertThat(row(cli.out(), "live"))
        .containsExactly("s-*", "live", "" + events, "4", "0", "0", "1", "3", "3", "0.67 (2/3)");
    assertThat(row(cli.out(), "candidate"))
        .containsExactly(
            "s-*", "candidate", "" + events, "3", "0", "0", "1", "2", "2", "1.00 (2/2)");
    assertThat(Files.readAllLines(dir.resolve("out/live-anomalies.ndjson"), StandardCharsets.UTF_8))
        .anyMatch(line -> line.contains(id("s-2", 150)));
    assertNothingLeftBehind();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      assertThat(admin.listTopics().names().get())
          .as("nothing of a live application's output")
          .filteredOn(t -> t.startsWith(prefix))
          .containsExactlyInAnyOrder(
              prefix + "events", prefix + "detector-config", prefix + "feedback");
    }
  }

  @Test
  void shouldDeleteItsTopicsGroupAndStateWhenARunFails() throws Exception {
    String prefix = seed();
    List<Path> stateBefore = stateDirs();

    CliRun cli = new CliRun();
    int exit = backtest(cli, prefix, "--timeout", "1ms");

    assertThat(exit).isEqualTo(1);
    assertThat(cli.err()).contains("did not reach the end of its range in PT0.001S");
    assertNothingLeftBehind();
    assertThat(stateDirs()).isEqualTo(stateBefore);
  }

  /** {@code vigil backtest} on the embedded broker and the topics of {@code prefix}. */
  private int backtest(CliRun cli, String prefix, String... options) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "backtest",
                "--bootstrap-servers",
                stack.kafkaBootstrapServers(),
                "--topic-prefix",
                prefix));
    args.addAll(List.of(options));
    return cli.execute(args.toArray(String[]::new));
  }

  private void assertNothingLeftBehind() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).noneMatch(t -> t.contains("-backtest-"));
      assertThat(admin.listGroups().all().get()).noneMatch(g -> g.groupId().contains("-backtest-"));
    }
  }

  private static List<Path> stateDirs() throws java.io.IOException {
    try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(d -> d.getFileName().toString().startsWith("vigil-backtest-"))
          .sorted()
          .toList();
    }
  }

  /**
   * A fresh topic prefix with its events (four series, record time = event time), the live config
   * of s-* and three labels.
   */
  private String seed() throws Exception {
    String prefix = "bt-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    // Waits for the leaders: a send racing the first election is retried for minutes.
    new TopicProvisioner(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))
        .ensure(
            List.of(
                new NewTopic(prefix + "events", 3, (short) 1),
                new NewTopic(prefix + "detector-config", 1, (short) 1),
                new NewTopic(prefix + "feedback", 1, (short) 1)));
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(prefix + "detector-config", "s-*", config("", 1)));
      for (int i = 0; i < EVENTS; i++) {
        for (String key : List.of("s-1", "s-2", "s-3", SILENT)) {
          if (key.equals(SILENT) && i >= SILENT_FROM) {
            continue;
          }
          Instant time = time(i);
          double value =
              SPIKES.getOrDefault(key, Map.of()).getOrDefault(i, 50.0 + ((i * 7) % 5 - 2) * 0.5);
          // s-3 is produced without a key: it reaches its model through the repartition topic.
          producer.send(
              new ProducerRecord<>(
                  prefix + "events",
                  null,
                  time.toEpochMilli(),
                  key.equals("s-3") ? null : key,
                  String.format(
                      Locale.ROOT,
                      "{\"key\":\"%s\",\"timestamp\":\"%s\",\"value\":%s,\"id\":\"%s-%d\"}",
                      key,
                      time,
                      value,
                      key,
                      i)));
        }
      }
      label(producer, prefix, "s-1", 100, "confirmed");
      label(producer, prefix, "s-2", 150, "false_positive");
      label(producer, prefix, "s-3", 120, "confirmed");
      producer.flush();
    }
    return prefix;
  }

  /** The table row of {@code config}, cell by cell. */
  private static List<String> row(String out, String config) {
    return out.lines()
        .filter(l -> l.startsWith("|"))
        .map(l -> Arrays.stream(l.substring(1).split("\\|")).map(String::trim).toList())
        .filter(cells -> cells.size() > 1 && cells.get(1).equals(config))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + config + " in\n" + out));
  }

  private static String silentKey() {
    Placement placement = new Placement(3);
    for (int n = 0; ; n++) {
      if (placement.owner("s-quiet-" + n) == placement.owner("s-1")) {
        return "s-quiet-" + n;
      }
    }
  }

  /** The live config of s-*, with {@code extra} fields. */
  private static String config(String extra, int version) {
    return String.format(
        Locale.ROOT,
        "{\"pattern\":\"s-*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":30,"
            + "\"suppression\":\"PT0S\",\"silence\":{\"after\":3,\"minEvents\":10}%s,\"version\":%d}",
        extra,
        version);
  }

  private static Instant time(int i) {
    return START.plusSeconds(i * STEP_SECONDS);
  }

  private static String id(String key, int i) {
    return AnomalyId.of(key, time(i), key + "-" + i, "ewma");
  }

  private static void label(
      KafkaProducer<String, String> producer, String prefix, String key, int i, String label) {
    producer.send(
        new ProducerRecord<>(
            prefix + "feedback",
            key,
            String.format(
                Locale.ROOT,
                "{\"anomalyId\":\"%s\",\"key\":\"%s\",\"label\":\"%s\",\"by\":\"it\",\"at\":\"%s\"}",
                id(key, i),
                key,
                label,
                Instant.now())));
  }
}

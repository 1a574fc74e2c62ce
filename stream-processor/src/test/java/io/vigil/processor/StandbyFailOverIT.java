package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-over to a standby replica: two processor JVMs with {@code vigil.processor.standby.replicas}
 * 1 score a steady stream of events for many keys over every partition; one is SIGKILLed and not
 * started again. Prints how long after the kill the survivor owned the killed instance's tasks,
 * scored their events, and how long until the first event sent after the kill to one of those
 * partitions was scored on the {@code read_committed} scores topic (measurements, not assertions).
 * Checks that every event was scored exactly once and that the survivor went on with the killed
 * instance's models: their observation counts hold every event of the key, and no key went back to
 * warming up.
 */
@WithLocalStack
class StandbyFailOverIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final int PARTITIONS = 6;
  private static final int KEYS = 48;
  private static final int WARMUP = 20;
  private static final JsonSerde<Score> SCORES = JsonSerde.of(Score.class);
  private static final String ACTIVE = "vigil_processor_models_active";
  private static final String SCORED = "vigil_processor_events_scored_total";
  private static final String RESTORED = "kafka_consumer_fetch_manager_records_consumed_total";
  private static final String RESTORE_LAG = "kafka_consumer_fetch_manager_records_lag_max";
  private static final String RESTORE_CONSUMER = "[^\"]*-restore-consumer";
  // Kafka's own 45 s session timeout, or a standby restored from scratch, would take this long.
  private static final double FAR_TOO_LONG = 30;
  private static final Pattern OBSERVATIONS = Pattern.compile("\"observations\":(\\d+)");

  private final LocalStack stack;
  @TempDir Path dir;

  StandbyFailOverIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldScoreAKilledInstancesKeysOnItsStandbyAndPrintTheFailOverTimes() throws Exception {
    List<String> report = new ArrayList<>();
    report.add(run("static (instance ids)", true));
    report.add(run("dynamic", false));
    System.out.println(
        "fail-over to the standby after SIGKILL, kill -> a moved partition scored by the survivor"
            + " / -> a new event of it on the read_committed scores topic:");
    report.forEach(line -> System.out.println("  " + line));
  }

  private String run(String name, boolean staticMembership) throws Exception {
    String prefix = "sb-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    String bootstrap = stack.kafkaBootstrapServers();
    TestProcessors.createTopics(bootstrap, topics, PARTITIONS, Map.of());
    Path runDir = dir.resolve(prefix);
    // 250 events a second, about 5 a second per key.
    try (SteadyInput input = SteadyInput.start(bootstrap, topics.events().name(), "sb-", KEYS, 5);
        CommittedReader scores =
            new CommittedReader(bootstrap, topics.scores().name(), PARTITIONS)) {
      Set<Integer> moved = new java.util.TreeSet<>();
      TestProcessors.Instance victim =
          TestProcessors.start(bootstrap, prefix, runDir, "a", settings("a", staticMembership));
      TestProcessors.Instance survivor =
          TestProcessors.start(bootstrap, prefix, runDir, "b", settings("b", staticMembership));
      try {
        TestProcessors.awaitReady(victim.port());
        TestProcessors.awaitReady(survivor.port());
        // Both own tasks, every partition has an owner, every key is past its warm-up.
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .ignoreExceptions()
            .until(
                () -> {
                  Set<Integer> a = active(victim);
                  Set<Integer> b = active(survivor);
                  return !a.isEmpty()
                      && !b.isEmpty()
                      && a.size() + b.size() == PARTITIONS
                      && scores.poll().size() >= KEYS * (WARMUP + 10);
                });
        moved.addAll(active(victim));
        awaitStandbysCaughtUp(survivor, moved);

        double before = scoredOn(survivor, moved);
        int[] read = {scores.poll().size()};
        long killed = System.nanoTime();
        victim.kill();
        double[] scoredBySurvivor = {Double.NaN};
        double[] scoredAtVisible = {Double.NaN};
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(
                () -> {
                  double now = (System.nanoTime() - killed) / 1e9;
                  if (Double.isNaN(scoredBySurvivor[0]) && scoredOn(survivor, moved) > before) {
                    scoredBySurvivor[0] = now;
                  }
                  var records = scores.poll();
                  var fresh = records.subList(read[0], records.size());
                  read[0] = records.size();
                  return fresh.stream()
                      .map(r -> SCORES.fromBytes(r.value()).source())
                      .anyMatch(
                          p -> {
                            Long sent = input.sentAt(p);
                            return moved.contains(p.partition()) && sent != null && sent > killed;
                          });
                });
        double visible = (System.nanoTime() - killed) / 1e9;
        scoredAtVisible[0] = scoredOn(survivor, moved);

        input.stop();
        var sent = input.sent();
        await()
            .atMost(PATIENCE)
            .until(() -> scores.poll().size() >= sent.size() && scores.caughtUp());
        List<Score> all = scores.poll().stream().map(r -> SCORES.fromBytes(r.value())).toList();
        assertThat(all).as("every event scored exactly once").hasSameSizeAs(sent);
        assertThat(all.stream().map(Score::source).collect(Collectors.toSet())).isEqualTo(sent);
        assertContinued(survivor, all, moved, input);
        assertThat(visible)
            .as("seconds from the kill to a new event of a moved partition on read_committed")
            .isLessThan(FAR_TOO_LONG);
        String row = String.format("%-24s %5.1f s / %5.1f s", name, scoredBySurvivor[0], visible);
        return Double.isNaN(scoredBySurvivor[0])
            ? row
                + " (the survivor's counters did not rise: moved "
                + moved
                + " before "
                + before
                + " at visible "
                + scoredAtVisible[0]
                + ", active "
                + active(survivor)
                + ")\n"
                + debugLines(survivor)
            : row;
      } finally {
        victim.kill();
        survivor.stop();
      }
    }
  }

  private static Map<String, String> settings(String name, boolean staticMembership) {
    Map<String, String> settings = new HashMap<>();
    settings.put("VIGIL_PROCESSOR_STANDBY_REPLICAS", "1");
    settings.put("VIGIL_PROCESSOR_WARMUP", Integer.toString(WARMUP));
    if (staticMembership) {
      settings.put("VIGIL_PROCESSOR_INSTANCE_ID", name);
    }
    return settings;
  }

  /**
   * The survivor holds a local copy of each model store of the victim's tasks, and its restore
   * consumer (which keeps standby tasks up to date) has read their changelogs to the end.
   */
  private static void awaitStandbysCaughtUp(TestProcessors.Instance survivor, Set<Integer> moved) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(standbyStores(survivor)).as("standby copies").containsAll(moved);
              String metrics = TestHttp.get(survivor.port(), "/metrics").body();
              assertThat(TestHttp.sum(metrics, RESTORED, "client_id", RESTORE_CONSUMER))
                  .isPositive();
              assertThat(TestHttp.sum(metrics, RESTORE_LAG, "client_id", RESTORE_CONSUMER))
                  .isZero();
            });
  }

  /** The partitions of the model stores in the instance's state directory. */
  private static Set<Integer> standbyStores(TestProcessors.Instance instance) throws Exception {
    try (var stores = Files.find(instance.stateDir(), 4, (path, attributes) -> true)) {
      return stores
          .filter(p -> p.getFileName().toString().equals(ScoringProcessor.MODEL_STORE))
          .map(p -> p.getParent().getParent().getFileName().toString())
          .map(task -> Integer.parseInt(task.substring(task.indexOf('_') + 1)))
          .collect(Collectors.toSet());
    }
  }

  /** Events the instance scored from these partitions of the events topic. */
  private static double scoredOn(TestProcessors.Instance instance, Set<Integer> partitions)
      throws Exception {
    String metrics = TestHttp.get(instance.port(), "/metrics").body();
    return partitions.stream()
        .mapToDouble(p -> TestHttp.sum(metrics, SCORED, "partition", Integer.toString(p)))
        .sum();
  }

  /** The scored and active-model series, to tell why a measurement is missing. */
  private static String debugLines(TestProcessors.Instance instance) throws Exception {
    return TestHttp.get(instance.port(), "/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(SCORED) || l.startsWith(ACTIVE))
        .collect(Collectors.joining("\n"));
  }

  private static Set<Integer> active(TestProcessors.Instance instance) throws Exception {
    return TestHttp.partitions(TestHttp.get(instance.port(), "/metrics").body(), ACTIVE);
  }

  /**
   * The survivor's models of the moved keys hold every event of the key (none started afresh from
   * the survivor's first event), and no moved key went back to warming up after the kill.
   */
  private static void assertContinued(
      TestProcessors.Instance survivor, List<Score> all, Set<Integer> moved, SteadyInput input)
      throws Exception {
    Map<String, List<Score>> byKey =
        all.stream()
            .filter(s -> moved.contains(s.source().partition()))
            .collect(Collectors.groupingBy(Score::key));
    assertThat(byKey).as("keys on the moved partitions").isNotEmpty();
    for (var entry : byKey.entrySet()) {
      List<Score> ordered =
          entry.getValue().stream()
              .sorted(Comparator.comparingLong(s -> s.source().offset()))
              .toList();
      int warm = ordered.indexOf(ordered.stream().filter(s -> !s.warmingUp()).findFirst().get());
      assertThat(ordered.subList(warm, ordered.size()))
          .as("%s never warms up again", entry.getKey())
          .noneMatch(Score::warmingUp);
      String model = TestHttp.get(survivor.port(), "/v1/models/" + entry.getKey()).body();
      Matcher observations = OBSERVATIONS.matcher(model);
      assertThat(observations.find()).as(model).isTrue();
      assertThat(Long.parseLong(observations.group(1)))
          .as("observations of %s on the survivor", entry.getKey())
          .isEqualTo(input.sentOf(entry.getKey()));
    }
  }
}

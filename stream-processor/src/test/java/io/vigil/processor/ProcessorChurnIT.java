package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processor JVMs join and leave while events for many keys flow: three instances start one after
 * the other, one is SIGKILLed, a fourth joins, one stops cleanly. Every event is scored exactly
 * once on the read_committed scores topic; the test prints events, scored, lost, duplicated and how
 * long the last instances took to catch up after the input stopped.
 */
@WithLocalStack
class ProcessorChurnIT {
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final int PARTITIONS = 6;
  private static final int KEYS = 200;
  private static final JsonSerde<Score> SCORES = JsonSerde.of(Score.class);

  private final LocalStack stack;
  @TempDir Path dir;

  ProcessorChurnIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldScoreEveryEventExactlyOnceWhileInstancesJoinAndLeave() throws Exception {
    String prefix = "churn-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    TestProcessors.createTopics(stack.kafkaBootstrapServers(), topics, PARTITIONS, Map.of());
    Map<String, TestProcessors.Instance> running = new HashMap<>();
    Function<String, TestProcessors.Instance> start =
        name -> {
          TestProcessors.Instance instance =
              TestProcessors.start(
                  stack.kafkaBootstrapServers(),
                  prefix,
                  dir,
                  name,
                  Map.of("VIGIL_PROCESSOR_INSTANCE_ID", name));
          running.put(name, instance);
          return instance;
        };

    // About 500 events a second, round-robin over the keys.
    try (SteadyInput input =
        SteadyInput.start(
            stack.kafkaBootstrapServers(), topics.events().name(), "churn-", KEYS, 10)) {
      TestProcessors.awaitReady(start.apply("a").port());
      TestProcessors.Instance b = start.apply("b");
      TestProcessors.awaitReady(start.apply("c").port());
      TestProcessors.awaitReady(b.port());
      awaitScoring(b);

      running.remove("b").kill();
      TestProcessors.Instance d = start.apply("d");
      TestProcessors.awaitReady(d.port());
      awaitScoring(d);
      assertThat(running.remove("c").stop()).as("c stops on SIGTERM").isTrue();

      input.stop();
      Set<SourcePosition> sent = input.sent();
      long stopped = System.nanoTime();

      try (CommittedReader scores =
          new CommittedReader(stack.kafkaBootstrapServers(), topics.scores().name(), PARTITIONS)) {
        List<SourcePosition> all = new ArrayList<>();
        await()
            .atMost(PATIENCE)
            .until(
                () -> {
                  all.clear();
                  scores.poll().forEach(r -> all.add(SCORES.fromBytes(r.value()).source()));
                  return all.size() >= sent.size() && scores.caughtUp();
                });
        double catchUp = (System.nanoTime() - stopped) / 1e9;
        Set<SourcePosition> distinct = Set.copyOf(all);
        long lost = sent.stream().filter(p -> !distinct.contains(p)).count();
        int duplicated = all.size() - distinct.size();
        System.out.printf(
            "churn (a, b, c join; b SIGKILLed; d joins; c stops): events %d, scored %d,"
                + " lost %d, duplicated %d, caught up %.1f s after the input stopped%n",
            sent.size(), distinct.size(), lost, duplicated, catchUp);
        assertThat(all).as("every event scored exactly once").hasSameSizeAs(sent);
        assertThat(distinct).isEqualTo(sent);
        Map<Integer, Long> perPartition =
            all.stream()
                .collect(Collectors.groupingBy(SourcePosition::partition, Collectors.counting()));
        assertThat(perPartition).as("events on every partition").hasSize(PARTITIONS);
      }
    } finally {
      for (TestProcessors.Instance instance : running.values()) {
        instance.stop();
      }
    }
  }

  /** Waits until the instance has scored something: it owns tasks and processes them. */
  private static void awaitScoring(TestProcessors.Instance instance) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> TestHttp.eventsScored(instance.port()) > 0);
  }
}

package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.internal.FreePorts;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    Map<SourcePosition, Boolean> sent = new ConcurrentHashMap<>();
    Map<String, Process> running = new HashMap<>();
    Map<String, Integer> ports = new HashMap<>();
    Function<String, Process> start =
        name -> {
          int port = FreePorts.pick(1).get(0);
          Map<String, String> env =
              TestProcessors.env(stack.kafkaBootstrapServers(), prefix, dir.resolve(name), port);
          env.put("VIGIL_PROCESSOR_INSTANCE_ID", name);
          try {
            Process process = TestProcessors.spawn(env, dir.resolve(name + ".log"));
            running.put(name, process);
            ports.put(name, port);
            return process;
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };

    ScheduledExecutorService input = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      AtomicInteger next = new AtomicInteger();
      // 10 events every 20 ms, about 500 a second, round-robin over the keys.
      input.scheduleAtFixedRate(
          () -> {
            for (int i = 0; i < 10; i++) {
              int n = next.getAndIncrement();
              String key = "churn-" + (n % KEYS);
              producer.send(
                  new ProducerRecord<>(
                      topics.events().name(),
                      key,
                      TestEvents.json(key, t0.plusMillis(n), 50 + n % 5, "e-" + n)),
                  (metadata, error) -> {
                    if (error == null) {
                      sent.put(
                          new SourcePosition(
                              metadata.topic(), metadata.partition(), metadata.offset()),
                          true);
                    }
                  });
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);

      start.apply("a");
      TestProcessors.awaitReady(ports.get("a"));
      start.apply("b");
      start.apply("c");
      TestProcessors.awaitReady(ports.get("b"));
      TestProcessors.awaitReady(ports.get("c"));
      awaitScoring("b", ports);

      running.remove("b").destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      start.apply("d");
      TestProcessors.awaitReady(ports.get("d"));
      awaitScoring("d", ports);
      Process c = running.remove("c");
      c.destroy();
      assertThat(c.waitFor(60, TimeUnit.SECONDS)).as("c stops on SIGTERM").isTrue();

      input.shutdown();
      assertThat(input.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      producer.flush();
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
        long lost = sent.keySet().stream().filter(p -> !distinct.contains(p)).count();
        int duplicated = all.size() - distinct.size();
        System.out.printf(
            "churn (a, b, c join; b SIGKILLed; d joins; c stops): events %d, scored %d,"
                + " lost %d, duplicated %d, caught up %.1f s after the input stopped%n",
            sent.size(), distinct.size(), lost, duplicated, catchUp);
        assertThat(all).as("every event scored exactly once").hasSameSizeAs(sent.keySet());
        assertThat(distinct).isEqualTo(sent.keySet());
        Map<Integer, Long> perPartition =
            all.stream()
                .collect(Collectors.groupingBy(SourcePosition::partition, Collectors.counting()));
        assertThat(perPartition).as("events on every partition").hasSize(PARTITIONS);
      }
    } finally {
      input.shutdownNow();
      for (Process process : running.values()) {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Waits until the instance has scored something: it owns tasks and processes them. */
  private static void awaitScoring(String name, Map<String, Integer> ports) {
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> TestHttp.eventsScored(ports.get(name)) > 0);
  }
}

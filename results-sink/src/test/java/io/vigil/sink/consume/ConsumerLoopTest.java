package io.vigil.sink.consume;

import static io.vigil.sink.TestAnomalies.anomaly;
import static io.vigil.sink.TestAnomalies.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {
  private static final Topic<String, Anomaly> TOPIC = Topics.withPrefix("test.").anomalies();
  private static final TopicPartition P0 = LogConsumer.partition(TOPIC.name(), 0);
  private static final TopicPartition P1 = LogConsumer.partition(TOPIC.name(), 1);
  private static final ConsumerSettings FAST_RETRY =
      new ConsumerSettings(500, Duration.ofMillis(50), new Backoff(ofMillis(5), ofMillis(20)));

  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final LogConsumer consumer = new LogConsumer(TOPIC.name(), 2, journal::add);
  private final ScriptedWriter writer = new ScriptedWriter(journal::add);
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<DeadLetter> deadLettered = Collections.synchronizedList(new ArrayList<>());
  private final List<byte[]> deadLetteredBytes = Collections.synchronizedList(new ArrayList<>());
  private final DeadLetterSink deadLetters = this::deadLetter;
  // Never opens within these tests' few failures, unless a test sets its own.
  private BreakerSettings breaker = new BreakerSettings(100, 100, 100, ofMillis(50));
  private ConsumerLoop<Anomaly> loop;
  private int failDeadLetters;

  @AfterEach
  void close() {
    if (loop != null) {
      loop.close();
    }
  }

  @Test
  void shouldCommitTheBatchOffsetsOnlyAfterTheWriteReturned() {
    List<Anomaly> sent = append(0, "a", 3);
    sent.addAll(append(1, "b", 2));

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 3 && committed(P1) == 2);
    assertThat(journal).containsExactly("written 5", "commit {0=3, 1=2}");
    assertThat(writer.written()).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void shouldCommitThePositionPastATransactionMarkerThatCameAfterItsRecords() {
    append(0, "a", 3);
    consumer.appendMarker(0);

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 4);
    assertThat(journal).containsExactly("written 3", "commit {0=3}", "commit {0=4}");
    append(0, "a", 1);
    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 5);
    assertThat(journal).endsWith("written 1", "commit {0=5}").hasSize(5);
  }

  @Test
  void shouldRetryTheSameBatchWithoutCommittingWhileTheWriteFails() {
    List<Anomaly> sent = append(0, "a", 4);
    sent.addAll(append(1, "b", 3));
    writer.failNext(2);

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 4 && committed(P1) == 3);
    assertThat(journal)
        .containsExactly("write failed 7", "write failed 7", "written 7", "commit {0=4, 1=3}");
    assertThat(writer.attempts())
        .hasSize(3)
        .allSatisfy(attempt -> assertThat(attempt).containsExactlyInAnyOrderElementsOf(sent));
    assertThat(writer.written()).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(count("vigil.sink.writes", "result", "failure")).isEqualTo(2);
    assertThat(count("vigil.sink.writes", "result", "success")).isEqualTo(1);
    assertThat(loop.consecutiveFailures()).isZero();
  }

  @Test
  void shouldPauseThePartitionsAndCommitNothingDuringTheBackoff() {
    append(0, "a", 2);
    writer.failNext(1);

    start(
        new ConsumerSettings(
            500, Duration.ofMillis(50), new Backoff(ofMillis(60_000), ofMillis(60_000))));

    await().atMost(10, TimeUnit.SECONDS).until(() -> loop.state() == LoopState.RETRYING);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(registry.get("vigil.sink.write.retrying").gauge().value()).isEqualTo(1.0);
    assertThat(loop.health().up()).isTrue();
    assertThat(consumer.committed(Set.of(P0, P1))).doesNotContainKeys(P0, P1);
    assertThat(writer.attempts()).hasSize(1);
  }

  @Test
  void shouldSkipAndCountUndecodableRecordsWithoutBlockingThePartition() {
    Anomaly first = anomaly("a", 1);
    Anomaly second = anomaly("a", 2);
    consumer.append(0, "a", bytes(first));
    consumer.append(0, "a", "{not json".getBytes(StandardCharsets.UTF_8));
    consumer.append(0, "a", bytes(second));
    consumer.append(0, "a", null);

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 4);
    assertThat(writer.written()).containsExactly(first, second);
    assertThat(count("vigil.sink.records.undecodable")).isEqualTo(2);
  }

  @Test
  void shouldCountUndecodableRecordsOnceWhenTheirBatchIsRetried() {
    consumer.append(0, "a", bytes(anomaly("a", 1)));
    consumer.append(0, "a", "[]".getBytes(StandardCharsets.UTF_8));
    writer.failNext(3);

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 2);
    assertThat(writer.attempts()).hasSize(4);
    assertThat(count("vigil.sink.records.undecodable")).isEqualTo(1);
  }

  @Test
  void shouldRetryOnlyPartitionsStillAssignedAfterARebalance() {
    List<Anomaly> kept = append(0, "a", 3);
    append(1, "b", 2);
    writer.failNext(1).onFailure(() -> consumer.rebalance(List.of(P0)));

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 3);
    assertThat(writer.written()).containsExactlyInAnyOrderElementsOf(kept);
    assertThat(consumer.committed(Set.of(P1))).doesNotContainKey(P1);
    assertThat(loop.state()).isEqualTo(LoopState.RUNNING);
  }

  @Test
  void shouldWriteNewRecordsAsTheyArrive() {
    start(FAST_RETRY);
    await().atMost(10, TimeUnit.SECONDS).until(() -> !consumer.assignment().isEmpty());

    List<Anomaly> sent = append(1, "b", 2);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P1) == 2);
    assertThat(writer.written()).containsExactlyElementsOf(sent);
  }

  @Test
  void shouldCloseTheConsumerAndStopWhenClosed() {
    start(FAST_RETRY);
    await().atMost(10, TimeUnit.SECONDS).until(() -> !consumer.assignment().isEmpty());

    loop.close();

    assertThat(loop.state()).isEqualTo(LoopState.STOPPED);
    assertThat(consumer.closed()).isTrue();
    assertThat(loop.health().up()).isFalse();
  }

  @Test
  void shouldStopDuringABackoffWhenClosed() {
    append(0, "a", 1);
    writer.failNext(1);
    start(
        new ConsumerSettings(
            500, Duration.ofMillis(50), new Backoff(ofMillis(60_000), ofMillis(60_000))));
    await().atMost(10, TimeUnit.SECONDS).until(() -> loop.state() == LoopState.RETRYING);

    loop.close();

    assertThat(loop.state()).isEqualTo(LoopState.STOPPED);
    assertThat(consumer.closed()).isTrue();
    assertThat(journal).containsExactly("write failed 1");
  }

  @Test
  void shouldReportFailureWhenPollingFailsUnrecoverably() {
    consumer.schedulePollTask(
        () -> consumer.setPollException(new KafkaException("not authorised")));

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> loop.state() == LoopState.FAILED);
    assertThat(loop.health().up()).isFalse();
    assertThat(loop.health().detail()).contains("not authorised");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldDeadLetterInvalidRecordsWithTheirReasonAndPosition() {
    byte[] invalid = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    consumer.append(0, "a", bytes(anomaly("a", 1)));
    consumer.append(0, "a", invalid);

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 2);
    assertThat(deadLettered).hasSize(1);
    DeadLetter letter = deadLettered.get(0);
    assertThat(letter.stage()).isEqualTo("sink.decode");
    assertThat(letter.reason()).isNotBlank();
    assertThat(letter.sourceTopic()).isEqualTo(TOPIC.name());
    assertThat(letter.sourceOffset()).isEqualTo(1);
    assertThat(deadLetteredBytes.get(0)).isEqualTo(invalid);
    assertThat(count("vigil.sink.records.dead.lettered", "cause", "undecodable")).isEqualTo(1);
  }

  @Test
  void shouldIsolateARefusedAnomalyInTheDeadLetterTopicAndWriteTheRest() {
    List<Anomaly> good = append(0, "a", 2);
    Anomaly poison = anomaly("poison", 1);
    consumer.append(0, poison.key(), bytes(poison));
    good.addAll(append(0, "b", 2));
    writer.reject("poison");

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 5);
    assertThat(writer.written()).containsExactlyInAnyOrderElementsOf(good);
    assertThat(deadLettered).hasSize(1);
    assertThat(deadLettered.get(0).stage()).isEqualTo("sink.test");
    assertThat(deadLettered.get(0).reason()).contains("constraint violated");
    assertThat(deadLettered.get(0).sourceOffset()).isEqualTo(2);
    assertThat(count("vigil.sink.records.dead.lettered", "cause", "rejected")).isEqualTo(1);
  }

  @Test
  void shouldRetryTheBatchWhenTheDeadLetterIsNotAcknowledged() {
    consumer.append(0, "a", "nonsense".getBytes(StandardCharsets.UTF_8));
    failDeadLetters = 2;

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 1);
    assertThat(deadLettered).hasSize(1);
  }

  @Test
  void shouldKeepThePartitionsPausedWhileTheBreakerIsOpen() {
    append(0, "a", 2);
    writer.failNext(1_000);
    breaker = new BreakerSettings(50, 2, 2, Duration.ofSeconds(60));

    start(FAST_RETRY);

    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> loop.breakerState() == CircuitBreaker.State.OPEN);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(loop.health().detail()).contains("circuit breaker OPEN");
    // The back-off (at most 20 ms) passes many times over, the open breaker keeps it paused.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> writer.attempts().size() == 2 && consumer.paused().size() == 2);
  }

  @Test
  void shouldProbeWhenHalfOpenAndResumeWhenTheTargetAnswers() {
    List<Anomaly> sent = append(0, "a", 2);
    writer.failNext(2);
    breaker = new BreakerSettings(50, 2, 2, ofMillis(200));

    start(FAST_RETRY);

    await().atMost(10, TimeUnit.SECONDS).until(() -> committed(P0) == 2);
    assertThat(writer.written()).containsExactlyElementsOf(sent);
    assertThat(writer.attempts()).hasSize(3);
    assertThat(loop.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(consumer.paused()).isEmpty();
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, DeadLetter letter) {
    if (failDeadLetters > 0) {
      failDeadLetters--;
      throw new WriteFailedException("broker down (scripted)", null);
    }
    deadLettered.add(letter);
    deadLetteredBytes.add(record.value());
  }

  private void start(ConsumerSettings settings) {
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P0, P1)));
    loop =
        new ConsumerLoop<>(
                new LoopTarget<>("test", TOPIC, RecordKind.anomalies(), writer, true),
                consumer,
                CircuitBreaker.of("test", breaker.toConfig()),
                deadLetters,
                settings,
                new LoopMetrics(registry, "test"),
                Clock.systemUTC(),
                OpenTelemetry.noop())
            .start();
  }

  private List<Anomaly> append(int partition, String key, int count) {
    List<Anomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Anomaly anomaly = anomaly(key + partition, i);
      consumer.append(partition, anomaly.key(), bytes(anomaly));
      anomalies.add(anomaly);
    }
    return anomalies;
  }

  private long committed(TopicPartition partition) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(partition));
    OffsetAndMetadata offset = committed.get(partition);
    return offset == null ? -1 : offset.offset();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private static Duration ofMillis(long millis) {
    return Duration.ofMillis(millis);
  }
}

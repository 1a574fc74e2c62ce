package io.vigil.processor.errors;

import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.TestEvents;
import io.vigil.processor.TestHttp;
import io.vigil.processor.TestProcessors;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.HostileRecords;
import io.vigil.schemas.event.HostileRecords.Hostile;
import io.vigil.schemas.event.HostileRecords.Outcome;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus ({@link HostileRecords}) written as raw bytes straight to the events
 * topic, each kind followed by a sentinel event, then read by one processor on the real broker:
 * every kind is dead-lettered (reason, original key and value bytes) and counted, or scored, as the
 * corpus says, and every sentinel is scored.
 */
@WithLocalStack
class HostileInputIT {
  private static final byte[] SENTINEL_KEY = "hostile/sentinel".getBytes(StandardCharsets.UTF_8);
  private static final String DEAD_LETTERS = "vigil_processor_dead_letters_total";

  private final LocalStack stack;
  @TempDir Path stateDir;

  HostileInputIT(LocalStack stack) {
    this.stack = stack;
  }

  private record Sent(Hostile hostile, long offset) {}

  @Test
  void shouldDeadLetterOrScoreEveryKindAsTheCorpusSaysAndScoreEverySentinel() throws Exception {
    String prefix = "hi-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    String bootstrap = stack.kafkaBootstrapServers();
    TestProcessors.createTopics(bootstrap, topics, 1, Map.of());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Hostile> corpus = HostileRecords.corpus(now);

    // All in one go: one partition, so the order of the sends is the order of the offsets.
    List<Future<RecordMetadata>> hostile = new ArrayList<>();
    List<Future<RecordMetadata>> sentinel = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = RawRecords.producer(bootstrap)) {
      String topic = topics.events().name();
      for (int i = 0; i < corpus.size(); i++) {
        Hostile h = corpus.get(i);
        hostile.add(producer.send(new ProducerRecord<>(topic, h.key(), h.value())));
        byte[] event =
            TestEvents.json("hostile/sentinel", now.minusSeconds(600).plusMillis(i), 50, "s-" + i);
        sentinel.add(producer.send(new ProducerRecord<>(topic, SENTINEL_KEY, event)));
      }
    }
    List<Sent> sent = new ArrayList<>();
    List<Long> sentinels = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      sent.add(new Sent(corpus.get(i), hostile.get(i).get(30, TimeUnit.SECONDS).offset()));
      sentinels.add(sentinel.get(i).get(30, TimeUnit.SECONDS).offset());
    }
    List<Sent> scored = sent.stream().filter(s -> s.hostile().outcome() == Outcome.SCORED).toList();
    List<Sent> dead =
        sent.stream().filter(s -> s.hostile().outcome() == Outcome.DEAD_LETTER).toList();

    String metrics;
    try (ProcessorApplication app = TestProcessors.start(bootstrap, prefix, stateDir)) {
      await()
          .atMost(RawRecords.PATIENCE)
          .until(() -> app.eventsScored() >= sentinels.size() + scored.size());
      metrics = TestHttp.get(app.adminPort(), "/metrics").body();
    }

    Map<Long, Score> scores =
        RawRecords.readCommitted(bootstrap, topics.scores().name()).stream()
            .map(r -> JsonSerde.of(Score.class).fromBytes(r.value()))
            .collect(Collectors.toMap(s -> s.source().offset(), Function.identity()));
    Map<Long, ConsumerRecord<byte[], byte[]>> letters =
        RawRecords.readRaw(bootstrap, topics.eventsDeadLetter().name(), dead.size()).stream()
            .collect(
                Collectors.toMap(
                    r -> DeadLetter.readFrom(r.headers()).sourceOffset(), Function.identity()));

    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(scores.keySet()).as("every sentinel scored").containsAll(sentinels);
    softly
        .assertThat(scores)
        .as("sentinels and the scored kinds, each once")
        .hasSize(sentinels.size() + scored.size());
    softly
        .assertThat(letters)
        .as("a dead letter for each dead kind, nothing else")
        .hasSize(dead.size());
    for (Sent s : scored) {
      Score score = scores.get(s.offset());
      softly.assertThat(score).as("%s scored", s.hostile()).isNotNull();
      if (score != null) {
        softly.assertThat(score.key()).as("%s key", s.hostile()).isEqualTo(s.hostile().expected());
      }
    }
    for (Sent s : dead) {
      ConsumerRecord<byte[], byte[]> letter = letters.get(s.offset());
      softly.assertThat(letter).as("%s dead-lettered", s.hostile()).isNotNull();
      if (letter != null) {
        DeadLetter header = DeadLetter.readFrom(letter.headers());
        softly.assertThat(header.stage()).as("%s stage", s.hostile()).isEqualTo("processor.parse");
        softly
            .assertThat(header.reason())
            .as("%s reason", s.hostile())
            .contains(s.hostile().expected());
        softly
            .assertThat(letter.key())
            .as("%s key bytes", s.hostile())
            .isEqualTo(s.hostile().key());
        softly
            .assertThat(letter.value())
            .as("%s value bytes", s.hostile())
            .isEqualTo(s.hostile().value());
      }
    }
    Map<String, Long> counted =
        dead.stream()
            .collect(Collectors.groupingBy(s -> s.hostile().counted(), Collectors.counting()));
    counted.forEach(
        (reason, count) ->
            softly
                .assertThat(TestHttp.sum(metrics, DEAD_LETTERS, "reason", reason))
                .as("dead letters counted as %s", reason)
                .isEqualTo(count.doubleValue()));
    softly
        .assertThat(TestHttp.sum(metrics, DEAD_LETTERS))
        .as("dead letters counted in all")
        .isEqualTo(dead.size());
    softly.assertAll();
  }
}

package io.vigil.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.processor.ProcessorApplication;
import io.vigil.processor.TestEvents;
import io.vigil.processor.TestProcessors;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records at and just under each size limit on the way (the event limit, the producer's {@code
 * max.request.size}, the broker's {@code message.max.bytes}), each followed by a sentinel event:
 * every sentinel is scored, every refused record reaches the dead-letter topic, whole or as a stub.
 * Against the real broker with its default limits, under exactly-once.
 */
@WithLocalStack
class PoisonPillIT {
  private static final byte[] KEY = "pp".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_UTF8_KEY = {(byte) 0xff, (byte) 0xfe, 'k'};
  // Record batch (61) and record framing of a one-record batch with a 2-byte key, a 3-byte value
  // length and no headers: as the producer estimates it, and as the broker measures it.
  private static final int PRODUCER_OVERHEAD = 61 + 21 + 3 + 3 + 1;
  private static final int BROKER_OVERHEAD = 61 + 6 + 3 + 3 + 1;

  private final LocalStack stack;
  @TempDir Path stateDir;

  PoisonPillIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldDeadLetterEveryRecordAtTheSizeLimitsAndScoreEverySentinel() throws Exception {
    String prefix = "pp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    TestProcessors.createTopics(stack.kafkaBootstrapServers(), topics, 1, Map.of());
    int eventLimit = EventLimits.defaults().maxBytes();
    int producerLimit = DeadLetterLimit.DEFAULT_MAX_REQUEST_SIZE;
    int brokerLimit = DeadLetterLimit.DEFAULT_MAX_MESSAGE_BYTES;
    Instant start = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    List<Long> sentinels = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        RawRecords.producer(stack.kafkaBootstrapServers())) {
      String topic = topics.events().name();
      byte[] atEventLimit = padded(TestEvents.json("pp/a", start, 50, "at-limit"), eventLimit);
      sentinels.add(RawRecords.send(producer, topic, KEY, atEventLimit));
      byte[][] tooLarge = {
        padded(TestEvents.json("pp/a", start, 50, "over"), eventLimit + 1),
        filler(producerLimit - PRODUCER_OVERHEAD - 1),
        filler(producerLimit - PRODUCER_OVERHEAD),
        filler(brokerLimit - BROKER_OVERHEAD - 1),
        filler(brokerLimit - BROKER_OVERHEAD)
      };
      for (int i = 0; i < tooLarge.length; i++) {
        refused.add(
            new Refused(RawRecords.send(producer, topic, KEY, tooLarge[i]), KEY, tooLarge[i]));
        sentinels.add(
            RawRecords.send(
                producer,
                topic,
                KEY,
                TestEvents.json("pp/a", start.plusSeconds(i + 1), 50, "sentinel-" + i)));
      }
      byte[] invalid = "{\"key\":\"pp/b\"}".getBytes(StandardCharsets.UTF_8);
      refused.add(
          new Refused(
              RawRecords.send(producer, topic, NOT_UTF8_KEY, invalid), NOT_UTF8_KEY, invalid));
      sentinels.add(
          RawRecords.send(
              producer, topic, KEY, TestEvents.json("pp/a", start.plusSeconds(9), 50, "last")));
      // The limits are where this test says they are: one byte more and the broker says no.
      assertThatThrownBy(
              () ->
                  RawRecords.send(producer, topic, KEY, filler(brokerLimit - BROKER_OVERHEAD + 1)))
          .hasCauseInstanceOf(RecordTooLargeException.class);
    }

    try (ProcessorApplication app =
        TestProcessors.start(stack.kafkaBootstrapServers(), prefix, stateDir)) {
      await().atMost(RawRecords.PATIENCE).until(() -> app.eventsScored() >= sentinels.size());
    }

    List<ConsumerRecord<String, byte[]>> scores =
        RawRecords.readCommitted(stack.kafkaBootstrapServers(), topics.scores().name());
    assertThat(scores)
        .extracting(r -> JsonSerde.of(Score.class).fromBytes(r.value()).source().offset())
        .as("every sentinel scored once, nothing else")
        .containsExactlyElementsOf(sentinels);

    List<ConsumerRecord<byte[], byte[]>> letters =
        RawRecords.readRaw(
            stack.kafkaBootstrapServers(), topics.eventsDeadLetter().name(), refused.size());
    assertThat(letters).hasSameSizeAs(refused);
    for (int i = 0; i < refused.size(); i++) {
      Refused expected = refused.get(i);
      ConsumerRecord<byte[], byte[]> letter = letters.get(i);
      DeadLetter header = DeadLetter.readFrom(letter.headers());
      assertThat(header.sourceOffset()).isEqualTo(expected.offset());
      assertThat(header.stage()).isEqualTo("processor.parse");
      assertThat(letter.key()).as("original key bytes").isEqualTo(expected.key());
      boolean fits =
          DeadLetterLimit.size(
                  expected.key(),
                  expected.value(),
                  header.writeTo(new RecordHeaders(letter.headers().toArray())))
              <= producerLimit;
      if (fits) {
        assertThat(letter.value()).isEqualTo(expected.value());
        assertThat(DeadLetterLimit.isStub(letter.headers())).isFalse();
      } else {
        assertThat(DeadLetterLimit.isStub(letter.headers())).isTrue();
        assertThat(letter.value()).isEmpty();
        assertThat(header(letter, DeadLetterLimit.ORIGINAL_SIZE))
            .isEqualTo(Integer.toString(expected.value().length));
        assertThat(header(letter, DeadLetterLimit.ORIGINAL_SHA256))
            .isEqualTo(sha256Hex(expected.value()));
        assertThat(header.reason()).startsWith("payload is " + expected.value().length + " bytes");
      }
    }
    assertThat(letters.stream().filter(l -> DeadLetterLimit.isStub(l.headers())))
        .as("the four records at the producer's and the broker's limits")
        .hasSize(4);
  }

  private record Refused(long offset, byte[] key, byte[] value) {}

  /** The event with spaces before its closing brace, {@code size} bytes in all. */
  private static byte[] padded(byte[] event, int size) {
    byte[] padded = new byte[size];
    Arrays.fill(padded, (byte) ' ');
    System.arraycopy(event, 0, padded, 0, event.length - 1);
    padded[size - 1] = '}';
    return padded;
  }

  private static byte[] filler(int size) {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    return value;
  }

  private static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
    return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static String sha256Hex(byte[] value) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value));
  }
}

package io.vigil.processor.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class ErrorHandlersTest {
  private static final String DLQ = "events-dlq";
  private static final byte[] RAW_KEY = "raw-key".getBytes(StandardCharsets.UTF_8);
  private static final byte[] RAW_VALUE = "{\"raw\":1}".getBytes(StandardCharsets.UTF_8);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ErrorMetrics metrics = new ProcessorMetrics(registry).errors();
  private final Map<String, Object> configs = ErrorHandling.streamsProperties(metrics, DLQ);
  private final TestErrorContext context =
      new TestErrorContext(
          "vigil-processor-events-by-key-repartition",
          2,
          41L,
          new RecordHeaders().add("traceparent", new byte[] {1}),
          "score",
          RAW_KEY,
          RAW_VALUE);

  @Test
  void shouldDeadLetterAFailedEventAsJsonWithItsOriginalPosition() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(configs);
    Event event = Event.univariate("s", Instant.parse("2026-01-01T00:00:00Z"), 1.5);
    ScoringInput input = new ScoringInput(event, new SourcePosition("events", 1, 7), null);

    ProcessingExceptionHandler.Response response =
        handler.handleError(
            context, new Record<>("s", input, 0L), new IllegalStateException("boom\nsecond line"));

    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.topic()).isEqualTo(DLQ);
    assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("s");
    assertThat(JsonSerde.of(Event.class).fromBytes(letter.value())).isEqualTo(event);
    assertThat(DeadLetter.readFrom(letter.headers()))
        .isEqualTo(
            new DeadLetter("processor.score", "IllegalStateException: boom", "events", 1, 7));
    assertThat(letter.headers().lastHeader("traceparent")).isNotNull();
    assertThat(deadLetters("processor.score", "IllegalStateException")).isEqualTo(1);
    assertThat(errors("processing", "IllegalStateException")).isEqualTo(1);
  }

  private double errors(String component, String type) {
    return registry
        .get("vigil.errors")
        .tag("component", component)
        .tag("type", type)
        .counter()
        .count();
  }

  @Test
  void shouldDeadLetterOtherFailuresWithTheSourceBytes() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(configs);

    ProcessingExceptionHandler.Response response =
        handler.handleError(context, new Record<>("k", "v", 0L), new ArithmeticException());

    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.key()).isEqualTo(RAW_KEY);
    assertThat(letter.value()).isEqualTo(RAW_VALUE);
    assertThat(DeadLetter.readFrom(letter.headers()))
        .isEqualTo(
            new DeadLetter("processor.score", "ArithmeticException", context.topic(), 2, 41L));
  }

  @Test
  void shouldRetryRetriableSendFailuresAndFailOthers() {
    CountingProductionHandler handler = new CountingProductionHandler();
    handler.configure(configs);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("anomalies", RAW_VALUE);

    assertThat(handler.handleError(context, record, new TimeoutException("slow")).result())
        .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    assertThat(handler.handleError(context, record, new RecordTooLargeException("big")).result())
        .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    assertThat(
            registry
                .get("vigil.processor.production.errors")
                .tag("kind", "RecordTooLargeException")
                .tag("outcome", "fail")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldDeadLetterTheSourceOfARecordThatCannotBeSerialised() {
    CountingProductionHandler handler = new CountingProductionHandler();
    handler.configure(configs);

    ProductionExceptionHandler.Response response =
        handler.handleSerializationError(
            context,
            new ProducerRecord<>("anomalies", "value"),
            new SerializationException("nope"),
            ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.value()).isEqualTo(RAW_VALUE);
    assertThat(DeadLetter.readFrom(letter.headers()).stage()).isEqualTo("processor.serialize");
    assertThat(deadLetters("processor.serialize", "SerializationException")).isEqualTo(1);
  }

  @Test
  void shouldSendAStubWhenTheSourceRecordIsTooLargeForTheDeadLetterTopic() {
    byte[] huge = new byte[DeadLetterLimit.DEFAULT_MAX_REQUEST_SIZE - 100];
    TestErrorContext hugeSource =
        new TestErrorContext("events", 0, 5L, new RecordHeaders(), "parse", RAW_KEY, huge);
    DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
    processing.configure(configs);
    DeadLetterDeserializationHandler deserialization = new DeadLetterDeserializationHandler();
    deserialization.configure(configs);
    CountingProductionHandler production = new CountingProductionHandler();
    production.configure(configs);

    List<ProducerRecord<byte[], byte[]>> letters =
        List.of(
            processing
                .handleError(hugeSource, new Record<>("k", "v", 0L), new ArithmeticException())
                .deadLetterQueueRecords()
                .get(0),
            deserialization
                .handleError(
                    hugeSource,
                    new ConsumerRecord<>("events", 0, 5L, RAW_KEY, huge),
                    new SerializationException("bad"))
                .deadLetterQueueRecords()
                .get(0),
            production
                .handleSerializationError(
                    hugeSource,
                    new ProducerRecord<>("anomalies", "value"),
                    new SerializationException("nope"),
                    ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .deadLetterQueueRecords()
                .get(0));

    for (ProducerRecord<byte[], byte[]> letter : letters) {
      assertThat(letter.topic()).isEqualTo(DLQ);
      assertThat(DeadLetterLimit.isStub(letter.headers())).isTrue();
      assertThat(letter.value()).isEmpty();
      assertThat(letter.key()).isEqualTo(RAW_KEY);
      assertThat(DeadLetter.readFrom(letter.headers()).sourceOffset()).isEqualTo(5L);
      assertThat(new String(letter.headers().lastHeader(DeadLetterLimit.ORIGINAL_SIZE).value()))
          .isEqualTo(Integer.toString(huge.length));
    }
    assertThat(registry.get("vigil.processor.dead.letter.stubs").counters())
        .extracting(c -> c.getId().getTag("stage") + "=" + c.count())
        .containsExactlyInAnyOrder(
            "processor.parse=1.0", "processor.deserialize=1.0", "processor.serialize=1.0");
  }

  @Test
  void shouldReplaceAFailedThreadButShutDownOnJvmErrors() {
    StreamThreadFailureHandler handler =
        new StreamThreadFailureHandler(metrics, new StreamThreadProgress(Map::of));

    assertThat(handler.handle(new RuntimeException("wrapped", new IllegalStateException())))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(handler.handle(new OutOfMemoryError()))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(
            registry
                .get("vigil.processor.stream.thread.failures")
                .tag("response", "replace_thread")
                .counter()
                .count())
        .isEqualTo(1);
    assertThat(errors("stream-thread", "IllegalStateException")).isEqualTo(1);
  }

  @Test
  void shouldRefuseToStartWithoutItsCollaborators() {
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();

    assertThatThrownBy(() -> handler.configure(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ErrorMetrics");
  }

  private double deadLetters(String stage, String reason) {
    return registry
        .get("vigil.processor.dead.letters")
        .tag("stage", stage)
        .tag("reason", reason)
        .counter()
        .count();
  }
}

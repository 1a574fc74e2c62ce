package io.vigil.processor.errors;

import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A processor that throws on a record (a bug, or data no check foresaw) must not stop every series
 * in the task: the record goes to the dead-letter topic, the error is logged and counted, and
 * processing resumes. For an event past the repartition, the dead letter carries the event as JSON
 * and its original input position, so it can be inspected and replayed into the events topic.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private static final JsonSerde<Event> EVENTS = JsonSerde.of(Event.class);

  private HandlerSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = HandlerSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String stage = "processor." + context.processorNodeId();
    log.error(
        "processor {} failed on a record of {}-{}@{}, dead-lettering it",
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception);
    settings
        .metrics()
        .deadLetter(
            stage,
            exception.getClass().getSimpleName(),
            record.value() instanceof ScoringInput input
                ? input.source().partition()
                : context.partition());
    settings.metrics().processingError(exception.getClass().getSimpleName());
    String reason = DeadLetterRecords.reason(exception);
    ProducerRecord<byte[], byte[]> letter;
    if (record.value() instanceof ScoringInput input) {
      Event event = input.event();
      letter =
          DeadLetterRecords.of(
              settings,
              event.key().getBytes(StandardCharsets.UTF_8),
              EVENTS.toBytes(event),
              context.headers(),
              new DeadLetter(
                  stage,
                  reason,
                  input.source().topic(),
                  input.source().partition(),
                  input.source().offset()));
    } else {
      letter =
          DeadLetterRecords.of(
              settings,
              context.sourceRawKey(),
              context.sourceRawValue(),
              context.headers(),
              new DeadLetter(
                  stage,
                  reason,
                  DeadLetterRecords.orUnknown(context.topic()),
                  context.partition(),
                  context.offset()));
    }
    return Response.resume(List.of(letter));
  }
}

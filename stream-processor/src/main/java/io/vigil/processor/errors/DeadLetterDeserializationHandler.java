package io.vigil.processor.errors;

import io.vigil.schemas.deadletter.DeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record whose key or value cannot be deserialised goes, bytes unchanged, to the dead-letter
 * topic and processing resumes. The events topic is read as raw bytes (parse failures are handled
 * in the topology), so this catches what arrives damaged on internal topics.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  static final String STAGE = "processor.deserialize";
  private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private HandlerSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = HandlerSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    log.warn(
        "cannot deserialise record {}-{}@{}, dead-lettering it: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.toString());
    settings.metrics().deadLetter(STAGE, exception.getClass().getSimpleName(), record.partition());
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            DeadLetterRecords.reason(exception),
            record.topic(),
            record.partition(),
            record.offset());
    return Response.resume(
        List.of(
            DeadLetterRecords.of(
                settings, record.key(), record.value(), record.headers(), letter)));
  }
}

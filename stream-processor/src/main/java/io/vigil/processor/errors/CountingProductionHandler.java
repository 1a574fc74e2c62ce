package io.vigil.processor.errors;

import io.vigil.schemas.deadletter.DeadLetter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed writes. A record that cannot be serialised never reached the producer, so skipping it is
 * safe even under exactly-once: its source record is dead-lettered and processing resumes. A send
 * that failed is retried when the error is retriable and otherwise fails the task: continuing would
 * commit a transaction with a hole in it. The stream thread is then replaced and resumes from the
 * last commit, so nothing is lost; every such failure is counted.
 */
public final class CountingProductionHandler implements ProductionExceptionHandler {
  static final String STAGE = "processor.serialize";
  private static final Logger log = LoggerFactory.getLogger(CountingProductionHandler.class);

  private HandlerSettings settings;

  @Override
  public void configure(Map<String, ?> configs) {
    settings = HandlerSettings.from(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    boolean retriable = exception instanceof RetriableException;
    String outcome = retriable ? "retry" : "fail";
    log.error(
        "cannot write a record to {} ({}): {}", record.topic(), outcome, exception.toString());
    settings.metrics().productionError(exception.getClass().getSimpleName(), outcome);
    return retriable ? Response.retry() : Response.fail();
  }

  @Override
  public Response handleSerializationError(
      ErrorHandlerContext context,
      @SuppressWarnings("rawtypes") ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    log.error(
        "cannot serialise the {} of a record for {}, dead-lettering its source {}-{}@{}",
        origin.name().toLowerCase(Locale.ROOT),
        record.topic(),
        context.topic(),
        context.partition(),
        context.offset(),
        exception);
    settings.metrics().productionError(exception.getClass().getSimpleName(), "dead_letter");
    settings.metrics().deadLetter(STAGE, exception.getClass().getSimpleName(), context.partition());
    DeadLetter letter =
        new DeadLetter(
            STAGE,
            DeadLetterRecords.reason(exception),
            DeadLetterRecords.orUnknown(context.topic()),
            context.partition(),
            context.offset());
    return Response.resume(
        List.of(
            DeadLetterRecords.of(
                settings,
                context.sourceRawKey(),
                context.sourceRawValue(),
                context.headers(),
                letter)));
  }
}

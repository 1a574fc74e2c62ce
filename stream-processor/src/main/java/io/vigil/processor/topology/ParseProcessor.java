package io.vigil.processor.topology;

import io.vigil.processor.errors.ErrorHandling;
import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.processor.metrics.ScoringMetrics;
import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.IngestTime;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.event.Rejection;
import io.vigil.schemas.event.RejectionKind;
import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw input records, once: a valid event is re-keyed by the series key from its body,
 * carries its source position and says whether it was read where its key belongs ({@link
 * Placement}); an invalid one keeps its key and bytes and gains dead-letter headers.
 */
final class ParseProcessor implements Processor<byte[], byte[], String, Parsed> {
  static final String STAGE = "processor.parse";
  private static final Logger log = LoggerFactory.getLogger(ParseProcessor.class);

  private final EventParser parser;
  private final ScoringMetrics metrics;
  private final ErrorMetrics errors;
  private final Placement placement;
  private ProcessorContext<String, Parsed> context;
  private DeadLetterLimit deadLetterLimit;

  ParseProcessor(
      EventParser parser, ScoringMetrics metrics, ErrorMetrics errors, Placement placement) {
    this.parser = parser;
    this.metrics = metrics;
    this.errors = errors;
    this.placement = placement;
  }

  @Override
  public void init(ProcessorContext<String, Parsed> context) {
    this.context = context;
    metrics.reroutedCounter(context.taskId().partition());
    this.deadLetterLimit = ErrorHandling.deadLetterLimit(context.appConfigs());
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    SourcePosition source = source();
    ParseResult<Event> result = parser.parse(record.value());
    if (result instanceof ParseResult.Accepted<Event> accepted) {
      Event event = accepted.value();
      Header ingested = record.headers().lastHeader(IngestTime.HEADER);
      Instant ingestedAt =
          ingested == null ? null : IngestTime.decode(ingested.value()).orElse(null);
      boolean placed = placement.owns(source.partition(), event.key());
      if (!placed) {
        metrics.eventRerouted(source.partition());
      }
      context.forward(
          record
              .withKey(event.key())
              .withValue(new Parsed.Valid(new ScoringInput(event, source, ingestedAt), placed)));
      return;
    }
    Rejection rejection = ((ParseResult.Rejected<Event>) result).rejection();
    String kind = RejectionKind.of(rejection);
    log.debug(
        "dead-lettering {}-{}@{}: {}",
        source.topic(),
        source.partition(),
        source.offset(),
        rejection.reason());
    DeadLetter letter =
        new DeadLetter(
            STAGE, rejection.reason(), source.topic(), source.partition(), source.offset());
    errors.deadLetter(STAGE, kind, source.partition());
    // The original key bytes, not a decoded string: a key that is not UTF-8 stays as it was.
    ProducerRecord<byte[], byte[]> dead =
        deadLetterLimit.record("", record.key(), record.value(), record.headers(), letter);
    if (DeadLetterLimit.isStub(dead.headers())) {
      errors.deadLetterStub(STAGE);
    }
    context.forward(
        record
            .withKey((String) null)
            .withHeaders(dead.headers())
            .withValue(new Parsed.Invalid(dead.key(), dead.value())));
  }

  private SourcePosition source() {
    return context
        .recordMetadata()
        .map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
        .orElseThrow(() -> new IllegalStateException("parse runs on source records only"));
  }
}

package io.vigil.sink.consume;

import io.vigil.schemas.deadletter.DeadLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the records a loop cannot write: to the dead-letter topic with the stage, the reason and
 * the source position, counted and logged. Invalid records are dead-lettered only by the loop that
 * reports them (one dead letter per record rather than one per target); the others count and skip
 * them.
 */
final class DeadLetterReporter<T> {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  private final String target;
  private final RecordKind<T> kind;
  private final DeadLetterSink deadLetters;
  private final boolean reportsUndecodable;
  private final LoopMetrics metrics;

  DeadLetterReporter(
      String target,
      RecordKind<T> kind,
      DeadLetterSink deadLetters,
      boolean reportsUndecodable,
      LoopMetrics metrics) {
    this.target = target;
    this.kind = kind;
    this.deadLetters = deadLetters;
    this.reportsUndecodable = reportsUndecodable;
    this.metrics = metrics;
  }

  /** A record the target refused ({@link RejectedWriteException}), stage {@code sink.<target>}. */
  void rejected(DecodedBatch.Decoded<T> one, RejectedWriteException e) {
    ConsumerRecord<String, byte[]> record = one.record();
    String reason = e.getMessage() != null ? e.getMessage() : e.toString();
    deadLetters.send(record, letter(record, "sink." + target, reason));
    metrics.deadLettered("rejected");
    log.warn(
        "{}: {} {} at {} refused by the target, sent to the dead-letter topic: {}",
        target,
        kind.name(),
        kind.id().apply(one.value()),
        DecodedBatch.position(record),
        reason);
  }

  /** A record that is not a valid value of its kind, stage {@code sink.decode}. */
  void undecodable(DecodedBatch.Undecodable record) {
    if (reportsUndecodable) {
      deadLetters.send(record.record(), letter(record.record(), "sink.decode", record.reason()));
      metrics.deadLettered("undecodable");
    }
    metrics.undecodable();
    log.warn(
        "{}: {} record {} (key {}): not a valid {}: {}",
        target,
        reportsUndecodable ? "dead-lettered" : "skipped",
        record.position(),
        record.record().key(),
        kind.name(),
        record.reason());
  }

  private static DeadLetter letter(
      ConsumerRecord<String, byte[]> record, String stage, String reason) {
    return new DeadLetter(stage, reason, record.topic(), record.partition(), record.offset());
  }
}

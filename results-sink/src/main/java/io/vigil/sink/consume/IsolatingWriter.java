package io.vigil.sink.consume;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a decoded batch in a traced span; when the target refuses its data ({@link
 * RejectedWriteException}), writes it again record by record and reports each refused record, so
 * one bad record never holds back the others. Any other failure is thrown, and the batch retried.
 */
final class IsolatingWriter<T> {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  private final String target;
  private final GuardedWriter<T> writer;
  private final WriteTracing tracing;
  private final DeadLetterReporter<T> reporter;

  IsolatingWriter(
      String target,
      GuardedWriter<T> writer,
      WriteTracing tracing,
      DeadLetterReporter<T> reporter) {
    this.target = target;
    this.writer = writer;
    this.tracing = tracing;
    this.reporter = reporter;
  }

  void write(List<DecodedBatch.Decoded<T>> decoded) {
    if (decoded.isEmpty()) {
      return;
    }
    try {
      tracing.write(
          decoded.stream().map(DecodedBatch.Decoded::record).toList(),
          () -> writer.write(decoded.stream().map(DecodedBatch.Decoded::value).toList()));
    } catch (RejectedWriteException batchRejected) {
      if (decoded.size() == 1) {
        reporter.rejected(decoded.get(0), batchRejected);
        return;
      }
      log.info(
          "{}: {} refused a batch of {}, writing it record by record",
          target,
          target,
          decoded.size());
      for (DecodedBatch.Decoded<T> one : decoded) {
        try {
          tracing.write(List.of(one.record()), () -> writer.write(List.of(one.value())));
        } catch (RejectedWriteException e) {
          reporter.rejected(one, e);
        }
      }
    }
  }
}

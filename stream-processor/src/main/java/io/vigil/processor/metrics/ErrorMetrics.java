package io.vigil.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vigil.processor.metrics.MeterCaches.PerPartition;
import io.vigil.runtime.metrics.ServiceErrors;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * Meters of what went wrong: dead letters, failed writes, dead stream threads. Tags take values of
 * small fixed sets (stages, reason kinds, exception class names), never keys or payloads. Every
 * meter is registered once, at bind time or on the first use of its tag values, so that a flood of
 * bad input costs no registry look-ups.
 *
 * <ul>
 *   <li>{@code vigil.processor.dead.letters{stage,reason,partition}}: records sent to the
 *       dead-letter topic; {@code vigil.processor.dead.letter.stubs{stage}}: of them, those sent as
 *       stubs because the full copy was too large
 *   <li>{@code vigil.errors{component,type}}: processing, production and stream-thread errors
 *       ({@link ServiceErrors})
 *   <li>{@code vigil.processor.production.errors{kind,outcome}}: failed writes to Kafka
 *   <li>{@code vigil.processor.stream.thread.failures{response}}: stream threads that died, by the
 *       handler's response (the exception's class is in {@code vigil.errors} and the log)
 * </ul>
 */
public final class ErrorMetrics implements MeterBinder {
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, PerPartition<Counter>>>
      deadLetters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> stubs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Counter>> productionErrors =
      new ConcurrentHashMap<>();
  private MeterRegistry registry;
  private ServiceErrors errors;
  private Map<StreamThreadExceptionResponse, Counter> threadFailures;

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = MeterCaches.bindOnce(this.registry, registry, this);
    errors = new ServiceErrors(registry);
    threadFailures =
        MeterCaches.countersByValue(
            registry,
            "vigil.processor.stream.thread.failures",
            "Stream threads that died of an uncaught exception, by response",
            "response",
            StreamThreadExceptionResponse.class);
  }

  /** A record read from {@code partition} of its input topic went to the dead-letter topic. */
  public void deadLetter(String stage, String reason, int partition) {
    // Can be per event (a flood of malformed input): plain gets, no lambda, once known.
    Map<String, PerPartition<Counter>> byReason = deadLetters.get(stage);
    PerPartition<Counter> counters = byReason == null ? null : byReason.get(reason);
    if (counters == null) {
      counters = deadLetterCounters(stage, reason);
    }
    counters.get(partition).increment();
  }

  private PerPartition<Counter> deadLetterCounters(String stage, String reason) {
    return deadLetters
        .computeIfAbsent(stage, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            reason,
            r ->
                new PerPartition<>(
                    p ->
                        Counter.builder("vigil.processor.dead.letters")
                            .description(
                                "Records sent to the dead-letter topic instead of being processed")
                            .tag("stage", stage)
                            .tag("reason", r)
                            .tag("partition", Integer.toString(p))
                            .register(registry)));
  }

  /**
   * A dead letter was too large for the producer or the dead-letter topic and went as a stub (its
   * position, size and digest, without the value); it is counted as a dead letter as well.
   */
  public void deadLetterStub(String stage) {
    Counter stub = stubs.get(stage);
    if (stub == null) {
      stub =
          stubs.computeIfAbsent(
              stage,
              s ->
                  Counter.builder("vigil.processor.dead.letter.stubs")
                      .description("Dead letters sent as stubs because the full copy was too large")
                      .tag("stage", s)
                      .register(registry));
    }
    stub.increment();
  }

  /** A record could not be processed ({@code type}: the exception's simple class name). */
  public void processingError(String type) {
    errors.record("processing", type);
  }

  /** Kafka Streams could not write a record ({@code kind}: the exception's simple class name). */
  public void productionError(String kind, String outcome) {
    errors.record("kafka-producer", kind);
    // Not per event: a failed write fails or retries the task.
    productionErrors
        .computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("vigil.processor.production.errors")
                    .description("Records Kafka Streams could not write, by exception and outcome")
                    .tag("kind", kind)
                    .tag("outcome", o.toLowerCase(Locale.ROOT))
                    .register(registry))
        .increment();
  }

  public void streamThreadFailed(String exception, StreamThreadExceptionResponse response) {
    errors.record("stream-thread", exception);
    threadFailures.get(response).increment();
  }
}

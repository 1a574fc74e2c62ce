package io.vigil.sink.consume;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A target's {@link BatchWriter} behind its {@link CircuitBreaker} (resilience4j's own decorator),
 * timed and counted. It also knows how long a retry must wait while the breaker is open.
 */
final class GuardedWriter<T> {
  private final Consumer<List<T>> guarded;
  private final CircuitBreaker breaker;
  private final RecordKind<T> kind;
  private final LoopMetrics metrics;
  private final Clock clock;
  private volatile Instant openedAt = Instant.EPOCH;

  GuardedWriter(
      BatchWriter<T> writer,
      CircuitBreaker breaker,
      RecordKind<T> kind,
      LoopMetrics metrics,
      Clock clock) {
    this.guarded = CircuitBreaker.decorateConsumer(breaker, writer::write);
    this.breaker = breaker;
    this.kind = kind;
    this.metrics = metrics;
    this.clock = clock;
    // Transitions happen inside the writes, on the loop thread.
    breaker
        .getEventPublisher()
        .onStateTransition(
            event -> {
              if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt = clock.instant();
              }
            });
  }

  /**
   * Writes the batch, or throws: {@link CallNotPermittedException} while the breaker is open, else
   * what the writer threw.
   */
  void write(List<T> records) {
    long startedAt = System.nanoTime();
    try {
      guarded.accept(records);
    } catch (CallNotPermittedException e) {
      throw e;
    } catch (RuntimeException e) {
      metrics.writeFailed(Duration.ofNanos(System.nanoTime() - startedAt), e);
      throw e;
    }
    metrics.written(records.size(), Duration.ofNanos(System.nanoTime() - startedAt));
    kind.eventTime()
        .ifPresent(
            eventTime -> {
              Instant now = clock.instant();
              records.forEach(r -> metrics.stored(Duration.between(eventTime.apply(r), now)));
            });
  }

  CircuitBreaker.State state() {
    return breaker.getState();
  }

  /**
   * How long to wait before the next attempt: the back-off's delay, or while the breaker is open
   * until it lets a probe through, whichever is later (the back-off alone would knock sooner).
   */
  Duration retryDelay(Duration backoff) {
    if (breaker.getState() != CircuitBreaker.State.OPEN) {
      return backoff;
    }
    Duration openFor =
        Duration.ofMillis(
            breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    Duration open = Duration.between(clock.instant(), openedAt.plus(openFor));
    return open.compareTo(backoff) > 0 ? open : backoff;
  }
}

package io.vigil.ingest.http;

import io.vigil.runtime.http.Health;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.IngestTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a batch of events and completes when the broker has acknowledged every one (the producer is
 * idempotent with {@code acks=all}), or fails. It never queues without bound and never blocks a
 * request for long:
 *
 * <ul>
 *   <li>at most {@code maxInFlightEvents} events are sent and unacknowledged; a batch that does not
 *       fit is refused at once;
 *   <li>sending a batch stops at the first record the producer refuses (buffer still full after
 *       {@code max.block.ms}, no metadata) or once {@code sendTimeout} has passed;
 *   <li>after a failure caused by the broker (a retriable error or a timeout) the broker is taken
 *       as unavailable: one batch at a time probes it, the others are refused at once, and the
 *       first probe that succeeds makes it available again, so recovery needs no restart.
 * </ul>
 */
final class EventPublisher implements AutoCloseable {
  private final Producer<String, Event> producer;
  private final String topic;
  private final Semaphore inFlight;
  private final int maxInFlightEvents;
  private final long sendTimeoutNanos;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final AtomicBoolean probing = new AtomicBoolean(false);
  private final AtomicReference<String> lastFailure = new AtomicReference<>("");

  EventPublisher(
      Producer<String, Event> producer,
      String topic,
      int maxInFlightEvents,
      Duration sendTimeout,
      IngestMetrics metrics,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.inFlight = new Semaphore(maxInFlightEvents);
    this.maxInFlightEvents = maxInFlightEvents;
    this.sendTimeoutNanos = sendTimeout.toNanos();
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Thrown when a batch is refused without being sent: answered with 503. */
  static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message, null, false, false);
    }
  }

  /** Events sent and not yet acknowledged. */
  int inFlightEvents() {
    return maxInFlightEvents - inFlight.availablePermits();
  }

  Health health() {
    return available.get() ? Health.up("broker acknowledges") : Health.down(lastFailure.get());
  }

  /**
   * Sends {@code events} in order; the future completes when all are acknowledged, or exceptionally
   * with the first failure (then some of them may have been written).
   */
  CompletableFuture<Void> publish(List<Event> events) throws UnavailableException {
    boolean probe = !available.get();
    if (probe && !probing.compareAndSet(false, true)) {
      throw new UnavailableException("broker unavailable: " + lastFailure.get());
    }
    if (!inFlight.tryAcquire(events.size())) {
      if (probe) {
        probing.set(false);
      }
      throw new UnavailableException("too many events waiting for the broker");
    }
    Batch batch = new Batch(events.size(), probe);
    for (int i = 0; i < events.size() && !batch.failed(); i++) {
      if (System.nanoTime() - batch.startNanos > sendTimeoutNanos) {
        batch.notSent(
            events.size() - i,
            new TimeoutException("producer took longer than the send timeout to take the batch"));
        break;
      }
      Event event = events.get(i);
      try {
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                event.timestamp().toEpochMilli(),
                event.key(),
                event,
                new RecordHeaders().add(IngestTime.HEADER, IngestTime.encode(clock.instant()))),
            batch);
      } catch (RuntimeException e) { // refused (KafkaException) or closed: settle, never leak
        batch.notSent(events.size() - i, e);
        break;
      }
      if (batch.failed()) {
        // The callback ran inside send() (e.g. metadata timeout): stop, do not wait again per
        // record.
        batch.notSent(events.size() - i - 1, null);
      }
    }
    return batch.done;
  }

  /** Counts acknowledgements of one batch; the record callback of each of its sends. */
  private final class Batch implements Callback {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    final AtomicInteger pending;
    final AtomicReference<Exception> failure = new AtomicReference<>();
    final boolean probe;

    Batch(int size, boolean probe) {
      this.pending = new AtomicInteger(size);
      this.probe = probe;
    }

    boolean failed() {
      return failure.get() != null;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
      settle(1, exception);
    }

    /** Settles {@code count} records that were never handed to the producer. */
    void notSent(int count, Exception cause) {
      settle(count, cause);
    }

    private void settle(int count, Exception exception) {
      inFlight.release(count);
      if (exception != null) {
        failure.compareAndSet(null, exception);
      }
      if (count > 0 && pending.addAndGet(-count) == 0) {
        finish();
      }
    }

    private void finish() {
      metrics.produced(System.nanoTime() - startNanos);
      Exception cause = failure.get();
      if (cause == null) {
        available.set(true);
      } else if (brokerProblem(cause)) {
        metrics.publishFailed(cause);
        lastFailure.set(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        available.set(false);
      }
      if (probe) {
        probing.set(false);
      }
      if (cause == null) {
        done.complete(null);
      } else {
        done.completeExceptionally(cause);
      }
    }
  }

  private static boolean brokerProblem(Exception e) {
    return e instanceof RetriableException || e.getCause() instanceof RetriableException;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}

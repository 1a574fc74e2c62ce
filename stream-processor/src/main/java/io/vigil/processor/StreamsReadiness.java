package io.vigil.processor;

import io.vigil.processor.errors.StreamThreadProgress;
import io.vigil.runtime.http.Health;
import io.vigil.runtime.http.HealthCheck;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Readiness from the Kafka Streams state: ready when RUNNING, and also when REBALANCING after it
 * has been RUNNING once. A routine rebalance (an instance joining or leaving) would otherwise take
 * every instance out of service at the same moment; the first REBALANCING, while the models are
 * still being restored, does not count as ready, nor does any shutdown or error state. Nor does a
 * client whose stream threads keep failing without committing ({@link StreamThreadProgress}): its
 * state goes on switching between RUNNING and REBALANCING while nothing moves.
 */
final class StreamsReadiness implements KafkaStreams.StateListener, HealthCheck {
  private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
  private final AtomicBoolean wasRunning = new AtomicBoolean();
  private final StreamThreadProgress progress;

  StreamsReadiness(StreamThreadProgress progress) {
    this.progress = progress;
  }

  @Override
  public void onChange(State newState, State oldState) {
    state.set(newState);
    if (newState == State.RUNNING) {
      wasRunning.set(true);
    }
  }

  @Override
  public Health check() {
    State current = state.get();
    Optional<String> stall = progress.stall();
    if (stall.isPresent()) {
      return Health.down(current.name() + ", " + stall.get());
    }
    if (current == State.RUNNING) {
      return Health.up("RUNNING");
    }
    if (current == State.REBALANCING && wasRunning.get()) {
      return Health.up("REBALANCING after RUNNING");
    }
    return Health.down(current.name());
  }
}

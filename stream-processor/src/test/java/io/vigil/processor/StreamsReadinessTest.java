package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {
  private final StreamsReadiness readiness = new StreamsReadiness();

  @Test
  void shouldNotBeReadyBeforeRunning() {
    assertThat(readiness.check().up()).isFalse();
    readiness.onChange(State.REBALANCING, State.CREATED);
    assertThat(readiness.check().up()).isFalse();
  }

  @Test
  void shouldBeReadyWhenRunningAndThroughLaterRebalances() {
    readiness.onChange(State.REBALANCING, State.CREATED);
    readiness.onChange(State.RUNNING, State.REBALANCING);
    assertThat(readiness.check().up()).isTrue();

    readiness.onChange(State.REBALANCING, State.RUNNING);
    assertThat(readiness.check()).satisfies(h -> assertThat(h.up()).isTrue());
  }

  @Test
  void shouldNotBeReadyWhenShuttingDownOrFailed() {
    readiness.onChange(State.RUNNING, State.REBALANCING);
    readiness.onChange(State.PENDING_ERROR, State.RUNNING);
    assertThat(readiness.check().up()).isFalse();
    readiness.onChange(State.ERROR, State.PENDING_ERROR);
    assertThat(readiness.check().detail()).isEqualTo("ERROR");
  }
}

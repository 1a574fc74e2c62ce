package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.processor.errors.StreamThreadProgress;
import io.vigil.runtime.http.Health;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {
  private final Map<String, Double> commits = new HashMap<>();
  private final StreamThreadProgress progress = new StreamThreadProgress(() -> Map.copyOf(commits));
  private final StreamsReadiness readiness = new StreamsReadiness(progress);

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

  @Test
  void shouldNotBeReadyWhileReplacedThreadsKeepFailingWithoutCommitting() {
    commits.put("StreamThread-1", 40.0);
    readiness.onChange(State.RUNNING, State.REBALANCING);
    progress.failed("RecordTooLargeException: too big");
    commits.remove("StreamThread-1");
    commits.put("StreamThread-2", 0.0);
    readiness.onChange(State.REBALANCING, State.RUNNING);
    assertThat(readiness.check().up()).as("one failure may be a passing fault").isTrue();

    progress.failed("RecordTooLargeException: too big");
    commits.remove("StreamThread-2");
    commits.put("StreamThread-3", 0.0);
    assertThat(readiness.check())
        .isEqualTo(
            Health.down(
                "REBALANCING, stream threads failed 2 times in a row without committing, last:"
                    + " RecordTooLargeException: too big"));

    commits.put("StreamThread-3", 1.0);
    assertThat(readiness.check().up()).as("a commit is progress").isTrue();
    assertThat(progress.failuresWithoutProgress()).isZero();
  }
}

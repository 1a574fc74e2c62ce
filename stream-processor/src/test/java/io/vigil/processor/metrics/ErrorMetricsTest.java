package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ErrorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ErrorMetrics metrics = new ErrorMetrics();

  {
    metrics.bindTo(registry);
  }

  @Test
  void shouldCountDeadLettersByStageReasonAndPartitionTheUnknownOneToo() {
    metrics.deadLetter("processor.parse", "malformed", 7);
    metrics.deadLetter("processor.parse", "malformed", 7);
    metrics.deadLetter("processor.parse", "malformed", 0);
    metrics.deadLetter("processor.parse", "too_large", 7);
    metrics.deadLetter("processor.deserialize", "malformed", -1);

    assertThat(registry.get("vigil.processor.dead.letters").counters())
        .extracting(
            c -> c.getId().getTag("stage"),
            c -> c.getId().getTag("reason"),
            c -> c.getId().getTag("partition"),
            Counter::count)
        .containsExactlyInAnyOrder(
            tuple("processor.parse", "malformed", "7", 2.0),
            tuple("processor.parse", "malformed", "0", 1.0),
            tuple("processor.parse", "too_large", "7", 1.0),
            tuple("processor.deserialize", "malformed", "-1", 1.0));
  }
}

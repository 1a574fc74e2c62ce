package io.vigil.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.metrics.ModelStoreMetrics.ModelReset;
import org.junit.jupiter.api.Test;

class ModelStoreMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModelStoreMetrics metrics = new ModelStoreMetrics();

  {
    metrics.bindTo(registry);
  }

  @Test
  void shouldCountResetsByReason() {
    metrics.modelReset(ModelReset.DETECTOR_CHANGED);

    assertThat(
            registry
                .get("vigil.processor.model.resets")
                .tag("reason", "detector_changed")
                .counter()
                .count())
        .isEqualTo(1);
  }
}

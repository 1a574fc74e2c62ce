package io.vigil.schemas.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AnomalyIdTest {
  private static final Instant T = Instant.parse("2024-05-01T12:00:00.123456789Z");

  @Test
  void shouldGiveTheSameIdForTheSameEventAndDetector() {
    assertThat(AnomalyId.of("host-1/cpu", T, "e1", "ewma"))
        .isEqualTo(AnomalyId.of("host-1/cpu", T, "e1", "ewma"));
    assertThat(AnomalyId.of("host-1/cpu", T, null, "ewma"))
        .isEqualTo(AnomalyId.of("host-1/cpu", T, null, "ewma"));
  }

  @Test
  void shouldGiveDistinctIdsPerDetectorKeyTimeAndEventId() {
    Set<String> ids =
        Set.of(
            AnomalyId.of("host-1/cpu", T, "e1", "ewma"),
            AnomalyId.of("host-1/cpu", T, "e1", "rcf"),
            AnomalyId.of("host-2/cpu", T, "e1", "ewma"),
            AnomalyId.of("host-1/cpu", T.plusNanos(1), "e1", "ewma"),
            AnomalyId.of("host-1/cpu", T.plusMillis(1), "e1", "ewma"),
            AnomalyId.of("host-1/cpu", T, "e2", "ewma"),
            AnomalyId.of("host-1/cpu", T, null, "ewma"));

    assertThat(ids).hasSize(7);
  }

  @Test
  void shouldNotConfuseFieldBoundaries() {
    assertThat(AnomalyId.of("a", T, "bc", "ewma")).isNotEqualTo(AnomalyId.of("ab", T, "c", "ewma"));
  }

  @Test
  void shouldBeANameBasedUuid() {
    UUID id = UUID.fromString(AnomalyId.of("k", T, "e", "ewma"));

    assertThat(id.version()).isEqualTo(3);
  }
}

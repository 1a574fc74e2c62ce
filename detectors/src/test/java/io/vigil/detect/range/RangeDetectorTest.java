package io.vigil.detect.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.Scored;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeDetectorTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private final RangeDetector detector = RangeDetector.defaults();

  private RangeState learn(int count, long seed) {
    Random random = new Random(seed);
    RangeState state = detector.newModel();
    for (int i = 0; i < count; i++) {
      state =
          detector
              .score(state, Map.of("value", 10 + random.nextGaussian()), T.plusSeconds(i))
              .model();
    }
    return state;
  }

  @Test
  void shouldScoreANewExtremeBeyondTheRangeSeenSoFar() {
    RangeState state = learn(500, 1);

    Scored<RangeState> high = detector.score(state, Map.of("value", 30.0), T.plusSeconds(500));

    assertThat(high.assessment().warmingUp()).isFalse();
    assertThat(high.assessment().rawScore()).isGreaterThan(5);
    assertThat(high.assessment().expected().get("value").upper()).isLessThan(15);
    assertThat(high.assessment().detector()).isEqualTo(RangeDetector.NAME);
    assertThat(high.model().features().get("value").max()).isEqualTo(30.0);
  }

  @Test
  void shouldStaySilentWithinTheRange() {
    RangeState state = learn(500, 2);

    Scored<RangeState> inside = detector.score(state, Map.of("value", 10.5), T.plusSeconds(500));

    assertThat(inside.assessment().rawScore()).isZero();
    assertThat(inside.assessment().score()).isZero();
  }

  @Test
  void shouldWarmUpBeforeItsRangeIsTrusted() {
    Scored<RangeState> early =
        detector.score(learn(10, 3), Map.of("value", 100.0), T.plusSeconds(10));

    assertThat(early.assessment().warmingUp()).isTrue();
  }

  @Test
  void shouldRoundTripItsStateThroughTheMapper() {
    RangeState state = learn(200, 4);
    RangeStateMapper mapper = new RangeStateMapper();

    byte[] bytes = mapper.toBytes(state);

    assertThat(mapper.fromBytes(bytes)).isEqualTo(state);
    assertThat(bytes[0]).isEqualTo((byte) RangeStateMapper.VERSION);
  }
}

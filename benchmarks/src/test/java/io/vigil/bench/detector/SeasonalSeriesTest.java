package io.vigil.bench.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeasonalSeriesTest {

  @Test
  void shouldNameTheScalarFeatureValueAndSeveralFeaturesF1ToFn() {
    assertThat(SeasonalSeries.of(1).features(0)).containsOnlyKeys("value");
    assertThat(SeasonalSeries.of(4).features(0)).containsOnlyKeys("f1", "f2", "f3", "f4");
  }

  @Test
  void shouldAdvanceTimestampsByFiveMinutesBeyondTheRepeatedValues() {
    SeasonalSeries series = SeasonalSeries.of(1);
    long late = 3L * SeasonalSeries.PERIOD + 17;

    assertThat(Duration.between(series.time(0), series.time(1))).isEqualTo(Duration.ofMinutes(5));
    assertThat(Duration.between(series.time(0), series.time(late)))
        .isEqualTo(Duration.ofMinutes(5 * late));
    assertThat(series.features(late)).isEqualTo(series.features(17));
  }

  @Test
  void shouldRepeatOnWholeWeeks() {
    assertThat(
            Duration.ofMinutes(5L * SeasonalSeries.PERIOD).toMinutes()
                % Duration.ofDays(7).toMinutes())
        .isZero();
  }

  @Test
  void shouldBeDailySeasonalWithNoise() {
    SeasonalSeries series = SeasonalSeries.of(1);
    int perDay = (int) (Duration.ofDays(1).toMinutes() / 5);
    // The generator's sine peaks at 06:00 UTC and bottoms out at 18:00 UTC (amplitude 10, noise 1).
    double peak = mean(series, perDay / 4, perDay);
    double trough = mean(series, 3 * perDay / 4, perDay);
    assertThat(peak - trough).isBetween(18.0, 22.0);
    assertThat(series.features(perDay / 4)).isNotEqualTo(series.features(perDay / 4 + perDay));
  }

  @Test
  void shouldRejectNoFeatures() {
    assertThatThrownBy(() -> SeasonalSeries.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  private static double mean(SeasonalSeries series, int offset, int perDay) {
    return IntStream.range(0, 14)
        .mapToDouble(day -> series.features(offset + (long) day * perDay).get("value"))
        .average()
        .orElseThrow();
  }
}

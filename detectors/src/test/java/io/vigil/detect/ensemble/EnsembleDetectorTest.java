package io.vigil.detect.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Assessment;
import io.vigil.detect.Scored;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.seasonal.SeasonalDetector;
import io.vigil.detect.seasonal.SeasonalParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnsembleDetectorTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int PER_DAY = 288;

  private final EnsembleDetector ensemble =
      EnsembleDetector.of(
          new EwmaDetector(EwmaParameters.defaults()),
          new SeasonalDetector(SeasonalParameters.defaults()));
  private final Random random = new Random(5);
  private EnsembleState model = ensemble.newModel();

  private Assessment observe(int i, double value) {
    Scored<EnsembleState> scored =
        ensemble.score(model, Map.of("value", value), START.plus(Duration.ofMinutes(5L * i)));
    model = scored.model();
    return scored.assessment();
  }

  private double daily(int i) {
    return 50.0 + 20.0 * Math.sin(2 * Math.PI * i / PER_DAY) + random.nextGaussian() * 0.5;
  }

  @Test
  void shouldReportTheMemberThatFired() {
    int days = 14;
    for (int i = 0; i < PER_DAY * days; i++) {
      observe(i, daily(i));
    }
    Assessment shifted = observe(PER_DAY * days + PER_DAY * 3 / 4, 70.0);

    assertThat(AlertPolicy.defaults().evaluate(shifted)).isPresent();
    assertThat(shifted.detector()).isEqualTo(SeasonalDetector.NAME);
    assertThat(ensemble.name()).isEqualTo(EnsembleDetector.NAME);
  }

  @Test
  void shouldRoundTripMembersStatesAndRefuseOtherMembers() {
    for (int i = 0; i < 100; i++) {
      observe(i, daily(i));
    }
    byte[] bytes = ensemble.mapper().toBytes(model);
    assertThat(ensemble.mapper().fromBytes(bytes)).isEqualTo(model);

    EnsembleDetector other = EnsembleDetector.of(new EwmaDetector(EwmaParameters.defaults()));
    assertThatThrownBy(() -> other.mapper().fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("2 members, configured 1");
  }

  @Test
  void shouldDiscountALowWeightMember() {
    EwmaDetector plain = new EwmaDetector(EwmaParameters.defaults());
    EnsembleDetector weighted =
        new EnsembleDetector(java.util.List.of(new EnsembleDetector.Member(plain, 0.1)));
    EwmaState plainModel = plain.newModel();
    EnsembleState weightedModel = weighted.newModel();
    for (int i = 0; i < 200; i++) {
      Map<String, Double> features = Map.of("value", random.nextGaussian());
      plainModel = plain.score(plainModel, features, START).model();
      weightedModel = weighted.score(weightedModel, features, START).model();
    }
    Map<String, Double> spike = Map.of("value", 4.0);
    double alone = plain.score(plainModel, spike, START).assessment().score();
    double discounted = weighted.score(weightedModel, spike, START).assessment().score();

    assertThat(alone).isGreaterThan(0.999);
    assertThat(discounted)
        .isCloseTo(1.0 - (1.0 - alone) / 0.1, org.assertj.core.api.Assertions.within(1e-12));
  }
}

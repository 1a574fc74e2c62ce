package io.vigil.detect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.AlertPolicy;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyScorerTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final KeyScorer<EwmaState> scorer =
      new KeyScorer<>(
          new EwmaDetector(EwmaParameters.defaults()),
          new ScoringPolicy(
              new AlertPolicy(AlertPolicy.DEFAULT_THRESHOLD, 100, SeverityBands.defaults()),
              Duration.ofMinutes(30)));
  private final Random random = new Random(9);
  private KeyState<EwmaState> state = scorer.newState();
  private int minute;

  private Decision observe(double value) {
    KeyScorer.Step<EwmaState> step =
        scorer.score(state, Map.of("value", value), START.plus(Duration.ofMinutes(minute++)));
    state = step.state();
    return step.decision();
  }

  @Test
  void shouldNotAlertDuringTheKeysWarmupEvenOnAHugeSpike() {
    for (int i = 0; i < 60; i++) {
      observe(random.nextGaussian());
    }
    Decision spike = observe(1_000.0);
    assertThat(spike.level()).isEmpty();
    assertThat(spike.score()).isGreaterThan(AlertPolicy.DEFAULT_THRESHOLD);
  }

  @Test
  void shouldSuppressRepeatsWithinTheWindowAndCountThem() {
    for (int i = 0; i < 300; i++) {
      observe(random.nextGaussian());
    }
    List<Decision> decisions = new ArrayList<>();
    decisions.add(observe(40.0)); // alert
    decisions.add(observe(random.nextGaussian()));
    decisions.add(observe(-40.0)); // suppressed, minute +2
    for (int i = 0; i < 40; i++) {
      observe(random.nextGaussian());
    }
    Decision after = observe(60.0); // beyond 30 minutes: emitted, carries the count

    assertThat(decisions.get(0).alerts()).isTrue();
    assertThat(decisions.get(0).level()).contains(AlertLevel.CRITICAL);
    assertThat(decisions.get(0).detector()).isEqualTo(EwmaDetector.NAME);
    assertThat(decisions.get(2).suppressed()).isTrue();
    assertThat(decisions.get(2).alerts()).isFalse();
    assertThat(after.alerts()).isTrue();
    assertThat(after.suppressedBefore()).isEqualTo(1);
    assertThat(state.suppressed()).isZero();
  }

  @Test
  void shouldRoundTripKeyStateInFormatTwoAndRefuseUnknownVersions() {
    KeyStateMapper<EwmaState> mapper = scorer.mapper();
    KeyState<EwmaState> sample =
        new KeyState<>(EwmaState.empty(), 42, Instant.ofEpochSecond(1_700_000_000L), 3, 7.5);
    String golden =
        "02000000000000002a01000000006553f100000000000000000000000003" // counts, last alert
            + "401e000000000000" // incident peak 7.5
            + "00000006010000000000"; // the EWMA model

    assertThat(HexFormat.of().formatHex(mapper.toBytes(sample))).isEqualTo(golden);
    assertThat(mapper.fromBytes(HexFormat.of().parseHex(golden))).isEqualTo(sample);
    byte[] bytes = mapper.toBytes(sample);
    bytes[0] = 3;
    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown key state format version 3");
  }

  @Test
  void shouldLoadGoldenVersionOneWithAnOpenIncidentThatCannotEscalate() {
    String firstRelease =
        "01000000000000002a01000000006553f10000000000000000000000000300000006010000000000";

    KeyState<EwmaState> loaded = scorer.mapper().fromBytes(HexFormat.of().parseHex(firstRelease));

    assertThat(loaded.observations()).isEqualTo(42);
    assertThat(loaded.lastAlert()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(loaded.suppressed()).isEqualTo(3);
    assertThat(loaded.incidentPeak()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(loaded.model()).isEqualTo(EwmaState.empty());
  }
}

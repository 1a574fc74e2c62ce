package io.vigil.bench.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyStreamTest {

  @Test
  void shouldLearnEveryEventFedIntoTheLatestState() {
    KeyStream<?> key = KeyStream.of("ewma", 1).feed(300);

    assertThat(key.events()).isEqualTo(300);
    assertThat(key.state().observations()).isEqualTo(300);
  }

  @Test
  void shouldKeepScoringRcfAfterRoundTripsBecauseOnlyTheLatestStateIsUsed() {
    // RCF's state is linear: reusing a spent one would throw.
    KeyStream<?> key = KeyStream.of("rcf", 4).feed(200);
    byte[] before = key.stateBytes();

    key.roundTrip();
    key.roundTrip();
    key.feed(10);

    assertThat(key.state().observations()).isEqualTo(210);
    assertThat(key.featureCount()).isEqualTo(4);
    assertThat(key.stateBytes()).isNotEqualTo(before);
  }

  @Test
  void shouldReadBackTheSameStateOnARoundTrip() {
    KeyStream<?> key = KeyStream.of("seasonal", 1).feed(500);
    byte[] before = key.stateBytes();

    key.roundTrip();

    assertThat(key.stateBytes()).isEqualTo(before);
  }

  @Test
  void shouldNameTheKnownSetupsForAnUnknownOne() {
    assertThatThrownBy(() -> KeyStream.of("nope", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown detector nope")
        .hasMessageContaining("ewma");
  }
}

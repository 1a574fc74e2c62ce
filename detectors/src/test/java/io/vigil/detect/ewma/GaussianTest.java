package io.vigil.detect.ewma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class GaussianTest {

  @Test
  void shouldMatchKnownTwoSidedTails() {
    assertThat(Gaussian.twoSidedTail(0.0)).isCloseTo(1.0, within(1e-7));
    assertThat(Gaussian.twoSidedTail(1.959964)).isCloseTo(0.05, Percentage.withPercentage(1e-4));
    assertThat(Gaussian.twoSidedTail(-3.0)).isCloseTo(0.0026998, Percentage.withPercentage(1e-3));
    assertThat(Gaussian.twoSidedTail(4.417173)).isCloseTo(1e-5, Percentage.withPercentage(1e-3));
    assertThat(Gaussian.twoSidedTail(6.109410)).isCloseTo(1e-9, Percentage.withPercentage(1e-3));
  }

  @Test
  void shouldUnderflowToZeroFarInTheTail() {
    assertThat(Gaussian.twoSidedTail(50.0)).isZero();
  }
}

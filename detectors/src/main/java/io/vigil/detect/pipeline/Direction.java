package io.vigil.detect.pipeline;

/** Which deviations from the expected value of a feature may alert. */
public enum Direction {
  /** Only values above the expected value (spikes). */
  UP,
  /** Only values below the expected value (dips). */
  DOWN,
  /** Either way. */
  BOTH;

  boolean allows(double deviation) {
    return switch (this) {
      case UP -> deviation > 0;
      case DOWN -> deviation < 0;
      case BOTH -> true;
    };
  }
}

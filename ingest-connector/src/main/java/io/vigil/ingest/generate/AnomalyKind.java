package io.vigil.ingest.generate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * The shapes of anomaly the generator can inject. Each kind turns the value the series would have
 * had ({@code normal}) into the anomalous one, for step {@code k} of an anomaly lasting {@code L}
 * events; adding a kind means adding one constant here. Serialised in lower case ({@code spike},
 * {@code level_shift}, ...).
 */
public enum AnomalyKind {
  /** One event offset by {@code magnitude}. Always lasts exactly one event. */
  SPIKE {
    @Override
    int length(int configuredLength) {
      return 1;
    }

    @Override
    double apply(double normal, Progress progress, Random random) {
      return normal + progress.magnitude();
    }
  },
  /** The level moves by {@code magnitude} for the whole anomaly, then returns. */
  LEVEL_SHIFT {
    @Override
    double apply(double normal, Progress progress, Random random) {
      return normal + progress.magnitude();
    }
  },
  /** A ramp: the offset grows linearly to {@code magnitude} at the last anomalous event. */
  TREND_CHANGE {
    @Override
    double apply(double normal, Progress progress, Random random) {
      return normal + progress.magnitude() * (progress.step() + 1) / progress.length();
    }
  },
  /** Extra Gaussian noise with standard deviation {@code |magnitude|} on top of the usual noise. */
  VARIANCE_CHANGE {
    @Override
    double apply(double normal, Progress progress, Random random) {
      return normal + Math.abs(progress.magnitude()) * random.nextGaussian();
    }
  },
  /** A stuck sensor: the value freezes at the last one before the anomaly; magnitude is unused. */
  FLATLINE {
    @Override
    double apply(double normal, Progress progress, Random random) {
      return progress.valueBefore();
    }
  };

  /** How many events an anomaly of this kind lasts, given the configured anomaly length. */
  int length(int configuredLength) {
    return configuredLength;
  }

  /**
   * The anomalous value. {@code random} is the simulator's anomaly stream, never its noise stream,
   * so injecting an anomaly leaves the series' normal values untouched.
   */
  abstract double apply(double normal, Progress progress, Random random);

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code spike}, {@code level-shift}, {@code LEVEL_SHIFT} and the like. */
  @JsonCreator
  public static AnomalyKind parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(k -> k.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown anomaly kind '"
                        + text
                        + "', expected one of "
                        + Arrays.stream(values()).map(AnomalyKind::wireName).toList()));
  }

  /**
   * Where an anomaly is: 0-based {@code step} of {@code length} events, its signed {@code
   * magnitude}, and the series' last value before it started.
   */
  record Progress(int step, int length, double magnitude, double valueBefore) {}
}

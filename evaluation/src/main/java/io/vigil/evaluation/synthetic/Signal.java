package io.vigil.evaluation.synthetic;

import java.time.Duration;
import java.util.Objects;

/**
 * What a normal synthetic series looks like: a level near {@code baseline}, a sine seasonality of
 * {@code amplitude} over {@code period} of event time, Gaussian noise of standard deviation {@code
 * noise}, one event every {@code step}.
 */
public record Signal(
    double baseline, Duration period, double amplitude, double noise, Duration step) {

  public Signal {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(step, "step");
  }

  /** Events of one series per seasonal period. */
  public double eventsPerPeriod() {
    return (double) period.toMillis() / step.toMillis();
  }
}

package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row: the timed repetitions of a profile at one guarantee and key count.
 *
 * @param guarantee empty for the raw producer, which runs outside Kafka Streams
 * @param eventsPerSecond one figure per timed repetition, in order
 * @param variant the settings this row changed ({@link Variant#DEFAULTS} for none)
 */
public record Measurement(
    Profile profile,
    Optional<ProcessingGuarantee> guarantee,
    int keys,
    long events,
    List<Double> eventsPerSecond,
    Variant variant) {

  /** A row with the run's own settings. */
  public Measurement(
      Profile profile,
      Optional<ProcessingGuarantee> guarantee,
      int keys,
      long events,
      List<Double> eventsPerSecond) {
    this(profile, guarantee, keys, events, eventsPerSecond, Variant.DEFAULTS);
  }

  public Measurement {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(guarantee, "guarantee");
    eventsPerSecond = List.copyOf(eventsPerSecond);
    if (eventsPerSecond.isEmpty()) {
      throw new IllegalArgumentException("a measurement needs at least one repetition");
    }
  }

  /** The median repetition; the mean of the middle two for an even count. */
  public double median() {
    double[] sorted = eventsPerSecond.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  public double min() {
    return eventsPerSecond.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
  }

  public double max() {
    return eventsPerSecond.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
  }

  /** The profile's label, and the settings the row changed in brackets. */
  public String label() {
    return label(profile, variant);
  }

  static String label(Profile profile, Variant variant) {
    return variant.isDefaults() ? profile.label() : profile.label() + " [" + variant.label() + "]";
  }

  /** {@code EOS}, {@code ALOS} or {@code –} (the raw producer). */
  public String guaranteeLabel() {
    return guarantee.map(Guarantees::label).orElse("–");
  }

  /** True if {@code other} ran at the same guarantee and key count. */
  boolean sameConditions(Measurement other) {
    return guarantee.equals(other.guarantee) && keys == other.keys;
  }
}

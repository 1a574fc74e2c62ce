package io.vigil.evaluation.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Where anomalies go in a synthetic evaluation. The first {@link #injectedSeries()} series carry
 * injections, series {@code i} only of kind {@code kinds[i % kinds.size()]} (so every alert on it
 * is charged to one kind); the others stay clean and measure false alerts.
 *
 * <p>On an injected series, injection {@code j} starts at event {@code firstAt + j · spacing +
 * jitter}, the jitter drawn from [0, spacing / 5] so that anomalies fall at every seasonal phase,
 * with a random sign; injections follow while the whole matching window (the anomaly plus {@code
 * grace} events) fits in the series. Requiring {@code firstAt >= 150} keeps injections past the
 * pipeline's warm-up, and at least {@link #MIN_SETTLE} normal events separate one window from the
 * next injection, so the model settles in between.
 *
 * @param series number of series
 * @param eventsPerSeries events generated per series
 * @param cleanShare share of the series left without injections, in [0, 1)
 * @param kinds anomaly kinds to inject, by name
 * @param firstAt earliest event of a series at which an injection may start
 * @param spacing events from one injection's nominal start to the next one's
 * @param length events a (non-spike) anomaly lasts
 * @param magnitude size of an anomaly in value units (applied with a random sign)
 * @param grace events after an anomaly's last event in which an alert still detects it
 * @param seed seed of the placement and of the source's series
 * @param signal what normal series look like
 */
public record Scenario(
    int series,
    int eventsPerSeries,
    double cleanShare,
    List<String> kinds,
    int firstAt,
    int spacing,
    int length,
    double magnitude,
    int grace,
    long seed,
    Signal signal) {

  /** The earliest event at which an injection may start: well past the pipeline's warm-up. */
  public static final int MIN_FIRST_AT = 150;

  /** Normal events required between one matching window and the next injection. */
  public static final int MIN_SETTLE = 100;

  /**
   * @throws IllegalArgumentException listing every inconsistent value
   */
  public Scenario {
    Objects.requireNonNull(signal, "signal");
    kinds = List.copyOf(kinds);
    List<String> problems = new ArrayList<>();
    require(problems, series >= 1, "series must be at least 1, was " + series);
    require(problems, eventsPerSeries >= 1, "events must be at least 1, was " + eventsPerSeries);
    require(
        problems,
        cleanShare >= 0 && cleanShare < 1,
        "clean share must be in [0, 1), was " + cleanShare);
    require(problems, !kinds.isEmpty(), "kinds must not be empty");
    require(problems, new HashSet<>(kinds).size() == kinds.size(), "kinds repeat: " + kinds);
    require(
        problems,
        firstAt >= MIN_FIRST_AT,
        "first injection must start at event " + MIN_FIRST_AT + " or later, was " + firstAt);
    require(problems, length >= 1, "length must be at least 1, was " + length);
    require(problems, grace >= 0, "grace must not be negative, was " + grace);
    require(
        problems,
        Double.isFinite(magnitude) && magnitude >= 0,
        "magnitude must be >= 0, was " + magnitude);
    require(
        problems,
        Double.isFinite(signal.noise()) && signal.noise() >= 0,
        "noise must be >= 0, was " + signal.noise());
    require(
        problems,
        Double.isFinite(signal.amplitude()) && signal.amplitude() >= 0,
        "seasonality amplitude must be >= 0, was " + signal.amplitude());
    require(problems, Double.isFinite(signal.baseline()), "baseline must be finite");
    require(problems, signal.step().toMillis() >= 1, "time step must be at least 1ms");
    require(problems, signal.period().toMillis() >= 1, "seasonality period must be at least 1ms");
    int window = length + grace;
    require(
        problems,
        spacing - spacing / 5 - window >= MIN_SETTLE,
        "spacing "
            + spacing
            + " leaves fewer than "
            + MIN_SETTLE
            + " normal events between injections of length "
            + length
            + " with grace "
            + grace
            + " (need spacing >= "
            + minimumSpacing(window)
            + ")");
    require(
        problems,
        (long) firstAt + spacing / 5 + window <= eventsPerSeries,
        "events "
            + eventsPerSeries
            + " per series leave no room for an injection starting at "
            + firstAt
            + " (need at least "
            + ((long) firstAt + spacing / 5 + window)
            + ")");
    int clean = (int) Math.round(series * cleanShare);
    require(
        problems,
        series - clean >= kinds.size(),
        (series - clean)
            + " series with injections for "
            + kinds.size()
            + " kinds: raise series or lower the clean share");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Series without injections. */
  public int cleanSeries() {
    return (int) Math.round(series * cleanShare);
  }

  /** Series with injections (series 0 to this - 1). */
  public int injectedSeries() {
    return series - cleanSeries();
  }

  /** The kind injected into series {@code index}, or null for a clean series. */
  public String kindOf(int index) {
    return index < injectedSeries() ? kinds.get(index % kinds.size()) : null;
  }

  /** Every injection to make, series by series, each series' in event order; deterministic. */
  public List<PlannedInjection> plan() {
    Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x5EED);
    int jitter = spacing / 5;
    List<PlannedInjection> plan = new ArrayList<>();
    for (int s = 0; s < injectedSeries(); s++) {
      for (long nominal = firstAt;
          nominal + jitter + length + grace <= eventsPerSeries;
          nominal += spacing) {
        long start = nominal + random.nextInt(jitter + 1);
        double signed = random.nextBoolean() ? magnitude : -magnitude;
        plan.add(new PlannedInjection(s, kindOf(s), start, signed, length));
      }
    }
    return List.copyOf(plan);
  }

  /** One line describing the scenario, for reports. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "%d series x %d events (%d with injections, %d clean), one event every %s, seasonality"
            + " %s amplitude %s, noise %s, magnitude %s, length %d, first at %d, spacing %d,"
            + " grace %d, seed %d",
        series,
        eventsPerSeries,
        injectedSeries(),
        cleanSeries(),
        signal.step(),
        signal.period(),
        number(signal.amplitude()),
        number(signal.noise()),
        number(magnitude),
        length,
        firstAt,
        spacing,
        grace,
        seed);
  }

  private static int minimumSpacing(int window) {
    // Smallest s with s - s/5 - window >= MIN_SETTLE.
    int s = MIN_SETTLE + window;
    while (s - s / 5 - window < MIN_SETTLE) {
      s++;
    }
    return s;
  }

  private static String number(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static void require(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}

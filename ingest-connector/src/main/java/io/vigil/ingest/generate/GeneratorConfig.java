package io.vigil.ingest.generate;

import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What the synthetic generator produces and how fast. Series {@code i} (0-based) is keyed {@code
 * keyPrefix + i}; its value is a per-series baseline plus a sine seasonality over event time plus
 * Gaussian noise, with anomalies injected at random ({@code anomalyRate}) and/or as scripted.
 *
 * <p>Settings ({@link #from(Settings)}), each also settable as the environment variable in
 * brackets:
 *
 * <ul>
 *   <li>{@code vigil.generator.series} [VIGIL_GENERATOR_SERIES]: number of series, default 10
 *   <li>{@code vigil.generator.rate} [VIGIL_GENERATOR_RATE]: events per second over all series,
 *       default 100; 0 means as fast as the producer accepts them
 *   <li>{@code vigil.generator.duration} [VIGIL_GENERATOR_DURATION]: stop after this wall-clock
 *       time, e.g. {@code 10m}; default 0 = no limit
 *   <li>{@code vigil.generator.max.events} [VIGIL_GENERATOR_MAX_EVENTS]: stop after this many
 *       events in total; default 0 = no limit
 *   <li>{@code vigil.generator.baseline} [VIGIL_GENERATOR_BASELINE]: typical level, default 100;
 *       each series gets its own level drawn from [0.5, 1.5] times it
 *   <li>{@code vigil.generator.seasonality.period} [VIGIL_GENERATOR_SEASONALITY_PERIOD]: period of
 *       the sine seasonality in event time, default {@code 1d}
 *   <li>{@code vigil.generator.seasonality.amplitude} [VIGIL_GENERATOR_SEASONALITY_AMPLITUDE]:
 *       default 10; the sine peaks at a quarter of each period (counted from the epoch)
 *   <li>{@code vigil.generator.noise} [VIGIL_GENERATOR_NOISE]: standard deviation of the Gaussian
 *       noise, default 1
 *   <li>{@code vigil.generator.anomaly.rate} [VIGIL_GENERATOR_ANOMALY_RATE]: probability per event
 *       that an anomaly starts in that series (when none is under way), default 0.001
 *   <li>{@code vigil.generator.anomaly.kinds} [VIGIL_GENERATOR_ANOMALY_KINDS]: comma-separated
 *       {@link AnomalyKind}s to draw from, default {@code spike}
 *   <li>{@code vigil.generator.anomaly.magnitude} [VIGIL_GENERATOR_ANOMALY_MAGNITUDE]: size of a
 *       random anomaly in value units, applied with a random sign, default 15
 *   <li>{@code vigil.generator.anomaly.length} [VIGIL_GENERATOR_ANOMALY_LENGTH]: events an anomaly
 *       lasts (a spike always lasts one), default 30
 *   <li>{@code vigil.generator.key.prefix} [VIGIL_GENERATOR_KEY_PREFIX]: default {@code series-}
 *   <li>{@code vigil.generator.seed} [VIGIL_GENERATOR_SEED]: random seed, default 1; the same seed
 *       gives the same values and anomalies
 *   <li>{@code vigil.generator.time.mode} [VIGIL_GENERATOR_TIME_MODE]: {@code real} (timestamps
 *       from the clock, the default) or {@code simulated} (start + index × step)
 *   <li>{@code vigil.generator.time.start} [VIGIL_GENERATOR_TIME_START]: simulated start, ISO-8601
 *       instant; unset = chosen at start so that a bounded run ends at "now" (see {@link
 *       SeriesSimulator})
 *   <li>{@code vigil.generator.time.step} [VIGIL_GENERATOR_TIME_STEP]: simulated time between two
 *       events of one series (also of the history replay), default {@code 1m}
 *   <li>{@code vigil.generator.labels.file} [VIGIL_GENERATOR_LABELS_FILE]: where to write the
 *       injected anomalies as NDJSON {@link AnomalyWindow}s; unset = not written
 *   <li>{@code vigil.generator.history.events} [VIGIL_GENERATOR_HISTORY_EVENTS]: in real time,
 *       events per series replayed first, as fast as the producer accepts them, stamped {@code
 *       time.step} apart and ending one step before the start (so a new consumer has seen days of
 *       data before the live events); they count towards {@code max.events}. Default 0 = none
 * </ul>
 *
 * <p>Scripted anomalies ({@link Builder#inject}) exist only in code: tests and demos use them to
 * place an exact scenario.
 */
public record GeneratorConfig(
    int seriesCount,
    double eventsPerSecond,
    Duration duration,
    long maxEvents,
    double baseline,
    Duration seasonalityPeriod,
    double seasonalityAmplitude,
    double noise,
    double anomalyRate,
    List<AnomalyKind> anomalyKinds,
    double anomalyMagnitude,
    int anomalyLength,
    String keyPrefix,
    long seed,
    EventTimeMode timeMode,
    Optional<Instant> simulatedStart,
    Duration simulatedStep,
    Optional<Path> labelsFile,
    List<InjectedAnomaly> scripted,
    long historyEvents) {

  private static final String PREFIX = "vigil.generator.";

  public GeneratorConfig {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(seasonalityPeriod, "seasonalityPeriod");
    Objects.requireNonNull(anomalyKinds, "anomalyKinds");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(timeMode, "timeMode");
    Objects.requireNonNull(simulatedStart, "simulatedStart");
    Objects.requireNonNull(simulatedStep, "simulatedStep");
    Objects.requireNonNull(labelsFile, "labelsFile");
    Objects.requireNonNull(scripted, "scripted");
    // Sorted and distinct, so the random choice of a kind depends on the seed only.
    anomalyKinds = anomalyKinds.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(anomalyKinds));
    scripted = List.copyOf(scripted);
    List<String> problems = new ArrayList<>();
    require(problems, seriesCount >= 1, "series count must be at least 1, was " + seriesCount);
    require(
        problems,
        Double.isFinite(eventsPerSecond) && eventsPerSecond >= 0,
        "events per second must be >= 0 (0 = unthrottled), was " + eventsPerSecond);
    require(problems, !duration.isNegative(), "duration must not be negative, was " + duration);
    require(problems, maxEvents >= 0, "max events must be >= 0 (0 = no limit), was " + maxEvents);
    require(problems, Double.isFinite(baseline), "baseline must be finite, was " + baseline);
    require(
        problems,
        seasonalityPeriod.toMillis() >= 1,
        "seasonality period must be at least 1ms, was " + seasonalityPeriod);
    requireNonNegative(problems, "seasonality amplitude", seasonalityAmplitude);
    requireNonNegative(problems, "noise", noise);
    require(
        problems,
        anomalyRate >= 0 && anomalyRate <= 1,
        "anomaly rate must be a probability in [0, 1], was " + anomalyRate);
    require(
        problems,
        anomalyRate == 0 || !anomalyKinds.isEmpty(),
        "anomaly kinds must not be empty when the anomaly rate is above 0");
    requireNonNegative(problems, "anomaly magnitude", anomalyMagnitude);
    require(problems, anomalyLength >= 1, "anomaly length must be >= 1, was " + anomalyLength);
    require(problems, !keyPrefix.isBlank(), "key prefix must not be blank");
    require(
        problems,
        simulatedStep.toMillis() >= 1,
        "simulated step must be at least 1ms, was " + simulatedStep);
    require(
        problems,
        historyEvents >= 0,
        "history events must be >= 0 (0 = none), was " + historyEvents);
    require(
        problems,
        historyEvents == 0 || timeMode == EventTimeMode.REAL,
        "history events need real time: in simulated time the whole run is a replay already");
    for (InjectedAnomaly anomaly : scripted) {
      require(
          problems,
          seriesIndex(keyPrefix, seriesCount, anomaly.key()) >= 0,
          "scripted anomaly for unknown series '"
              + anomaly.key()
              + "' (keys are "
              + keyPrefix
              + "0.."
              + keyPrefix
              + (seriesCount - 1)
              + ")");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Reads and validates every {@code vigil.generator.*} setting; see the class comment. */
  public static GeneratorConfig from(Settings settings) {
    Builder builder = read(settings);
    settings.validate();
    return builder.build();
  }

  /**
   * Reads the settings into a builder, recording problems in {@code settings} without throwing, so
   * a service reading further settings can report them all at once.
   */
  public static Builder read(Settings settings) {
    Builder b = builder();
    b.seriesCount(settings.integer(PREFIX + "series", b.seriesCount, 1, 1_000_000))
        .eventsPerSecond(settings.decimal(PREFIX + "rate", b.eventsPerSecond, 0, 1e9))
        .duration(settings.duration(PREFIX + "duration", b.duration))
        .maxEvents(settings.longValue(PREFIX + "max.events", b.maxEvents, 0, Long.MAX_VALUE))
        .baseline(settings.decimal(PREFIX + "baseline", b.baseline, -1e12, 1e12))
        .seasonalityPeriod(
            positive(
                settings,
                PREFIX + "seasonality.period",
                settings.duration(PREFIX + "seasonality.period", b.seasonalityPeriod),
                b.seasonalityPeriod))
        .seasonalityAmplitude(
            settings.decimal(PREFIX + "seasonality.amplitude", b.seasonalityAmplitude, 0, 1e12))
        .noise(settings.decimal(PREFIX + "noise", b.noise, 0, 1e12))
        .anomalyRate(settings.decimal(PREFIX + "anomaly.rate", b.anomalyRate, 0, 1))
        .anomalyKinds(kinds(settings, b.anomalyKinds))
        .anomalyMagnitude(
            settings.decimal(PREFIX + "anomaly.magnitude", b.anomalyMagnitude, 0, 1e12))
        .anomalyLength(settings.integer(PREFIX + "anomaly.length", b.anomalyLength, 1, 100_000_000))
        .keyPrefix(settings.string(PREFIX + "key.prefix", b.keyPrefix))
        .seed(settings.longValue(PREFIX + "seed", b.seed, Long.MIN_VALUE, Long.MAX_VALUE))
        .timeMode(settings.enumValue(PREFIX + "time.mode", b.timeMode))
        .simulatedStep(
            positive(
                settings,
                PREFIX + "time.step",
                settings.duration(PREFIX + "time.step", b.simulatedStep),
                b.simulatedStep))
        .historyEvents(
            settings.longValue(PREFIX + "history.events", b.historyEvents, 0, 1_000_000_000));
    String start = settings.string(PREFIX + "time.start", "");
    if (!start.isBlank()) {
      try {
        b.simulatedStart(Instant.parse(start.trim()));
      } catch (DateTimeParseException e) {
        settings.problem(
            describe(PREFIX + "time.start")
                + " must be an ISO-8601 instant like 2024-01-01T00:00:00Z, was '"
                + start
                + "'");
      }
    }
    String labels = settings.string(PREFIX + "labels.file", "");
    if (!labels.isBlank()) {
      b.labelsFile(Path.of(labels.trim()));
    }
    return b;
  }

  /** The key of series {@code index}. */
  public String seriesKey(int index) {
    return keyPrefix + index;
  }

  public List<String> seriesKeys() {
    return IntStream.range(0, seriesCount).mapToObj(this::seriesKey).toList();
  }

  /** Events of the history replay over all series (0 without one). */
  public long historyTotal() {
    return historyEvents * seriesCount;
  }

  /** Whether generation stops by itself (an event or time limit is set). */
  public boolean bounded() {
    return maxEvents > 0 || !duration.isZero();
  }

  /** Index of the series keyed {@code key}, or -1 when no series has that key. */
  int seriesIndex(String key) {
    return seriesIndex(keyPrefix, seriesCount, key);
  }

  private static int seriesIndex(String prefix, int count, String key) {
    if (!key.startsWith(prefix)) {
      return -1;
    }
    String digits = key.substring(prefix.length());
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 9) {
      return -1;
    }
    int index = Integer.parseInt(digits);
    // "series-07" is not series 7's key: only the canonical spelling matches.
    return index < count && String.valueOf(index).equals(digits) ? index : -1;
  }

  private static void require(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  private static void requireNonNegative(List<String> problems, String what, double value) {
    require(problems, Double.isFinite(value) && value >= 0, what + " must be >= 0, was " + value);
  }

  private static Duration positive(Settings settings, String key, Duration value, Duration def) {
    if (value.toMillis() < 1) {
      settings.problem(describe(key) + " must be at least 1ms, was " + value);
      return def;
    }
    return value;
  }

  private static List<AnomalyKind> kinds(Settings settings, List<AnomalyKind> defaults) {
    String key = PREFIX + "anomaly.kinds";
    String raw = settings.string(key, "");
    if (raw.isBlank()) {
      return defaults;
    }
    List<AnomalyKind> kinds = new ArrayList<>();
    for (String name : raw.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        kinds.add(AnomalyKind.parse(name));
      } catch (IllegalArgumentException e) {
        settings.problem(describe(key) + ": " + e.getMessage());
      }
    }
    return kinds.isEmpty() ? defaults : kinds;
  }

  private static String describe(String key) {
    return key + " (" + Settings.envName(key) + ")";
  }

  /** Builds a {@link GeneratorConfig}; starts from the documented defaults. */
  public static final class Builder {
    private int seriesCount = 10;
    private double eventsPerSecond = 100;
    private Duration duration = Duration.ZERO;
    private long maxEvents;
    private double baseline = 100;
    private Duration seasonalityPeriod = Duration.ofDays(1);
    private double seasonalityAmplitude = 10;
    private double noise = 1;
    private double anomalyRate = 0.001;
    private List<AnomalyKind> anomalyKinds = List.of(AnomalyKind.SPIKE);
    private double anomalyMagnitude = 15;
    private int anomalyLength = 30;
    private String keyPrefix = "series-";
    private long seed = 1;
    private EventTimeMode timeMode = EventTimeMode.REAL;
    private Instant simulatedStart;
    private Duration simulatedStep = Duration.ofMinutes(1);
    private Path labelsFile;
    private final List<InjectedAnomaly> scripted = new ArrayList<>();
    private long historyEvents;

    private Builder() {}

    private Builder(GeneratorConfig c) {
      seriesCount = c.seriesCount;
      eventsPerSecond = c.eventsPerSecond;
      duration = c.duration;
      maxEvents = c.maxEvents;
      baseline = c.baseline;
      seasonalityPeriod = c.seasonalityPeriod;
      seasonalityAmplitude = c.seasonalityAmplitude;
      noise = c.noise;
      anomalyRate = c.anomalyRate;
      anomalyKinds = c.anomalyKinds;
      anomalyMagnitude = c.anomalyMagnitude;
      anomalyLength = c.anomalyLength;
      keyPrefix = c.keyPrefix;
      seed = c.seed;
      timeMode = c.timeMode;
      simulatedStart = c.simulatedStart.orElse(null);
      simulatedStep = c.simulatedStep;
      labelsFile = c.labelsFile.orElse(null);
      scripted.addAll(c.scripted);
      historyEvents = c.historyEvents;
    }

    public Builder seriesCount(int seriesCount) {
      this.seriesCount = seriesCount;
      return this;
    }

    /** Events per second over all series; 0 = as fast as the producer accepts them. */
    public Builder eventsPerSecond(double eventsPerSecond) {
      this.eventsPerSecond = eventsPerSecond;
      return this;
    }

    /** Wall-clock run time limit; zero = none. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** Total event limit over all series; 0 = none. */
    public Builder maxEvents(long maxEvents) {
      this.maxEvents = maxEvents;
      return this;
    }

    public Builder baseline(double baseline) {
      this.baseline = baseline;
      return this;
    }

    public Builder seasonalityPeriod(Duration seasonalityPeriod) {
      this.seasonalityPeriod = seasonalityPeriod;
      return this;
    }

    public Builder seasonalityAmplitude(double seasonalityAmplitude) {
      this.seasonalityAmplitude = seasonalityAmplitude;
      return this;
    }

    public Builder noise(double noise) {
      this.noise = noise;
      return this;
    }

    public Builder anomalyRate(double anomalyRate) {
      this.anomalyRate = anomalyRate;
      return this;
    }

    public Builder anomalyKinds(AnomalyKind... kinds) {
      return anomalyKinds(Arrays.asList(kinds));
    }

    public Builder anomalyKinds(List<AnomalyKind> kinds) {
      this.anomalyKinds = List.copyOf(kinds);
      return this;
    }

    public Builder anomalyMagnitude(double anomalyMagnitude) {
      this.anomalyMagnitude = anomalyMagnitude;
      return this;
    }

    public Builder anomalyLength(int anomalyLength) {
      this.anomalyLength = anomalyLength;
      return this;
    }

    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = keyPrefix;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder timeMode(EventTimeMode timeMode) {
      this.timeMode = timeMode;
      return this;
    }

    /** Simulated time: series event {@code i} is stamped {@code start + i * step}. */
    public Builder simulatedTime(Instant start, Duration step) {
      return timeMode(EventTimeMode.SIMULATED).simulatedStart(start).simulatedStep(step);
    }

    public Builder simulatedStart(Instant simulatedStart) {
      this.simulatedStart = simulatedStart;
      return this;
    }

    public Builder simulatedStep(Duration simulatedStep) {
      this.simulatedStep = simulatedStep;
      return this;
    }

    public Builder labelsFile(Path labelsFile) {
      this.labelsFile = labelsFile;
      return this;
    }

    /** Adds scripted anomalies; combine with {@code anomalyRate(0)} for an exact scenario. */
    public Builder inject(InjectedAnomaly... anomalies) {
      scripted.addAll(Arrays.asList(anomalies));
      return this;
    }

    /** Events per series replayed before the live run, {@code simulatedStep} apart. */
    public Builder historyEvents(long historyEvents) {
      this.historyEvents = historyEvents;
      return this;
    }

    public Builder clearScripted() {
      scripted.clear();
      return this;
    }

    /**
     * @throws ConfigException listing every invalid value
     */
    public GeneratorConfig build() {
      return new GeneratorConfig(
          seriesCount,
          eventsPerSecond,
          duration,
          maxEvents,
          baseline,
          seasonalityPeriod,
          seasonalityAmplitude,
          noise,
          anomalyRate,
          anomalyKinds,
          anomalyMagnitude,
          anomalyLength,
          keyPrefix,
          seed,
          timeMode,
          Optional.ofNullable(simulatedStart),
          simulatedStep,
          Optional.ofNullable(labelsFile),
          scripted,
          historyEvents);
    }
  }
}

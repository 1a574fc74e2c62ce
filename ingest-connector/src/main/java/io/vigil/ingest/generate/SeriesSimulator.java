package io.vigil.ingest.generate;

import io.vigil.schemas.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The data behind the synthetic generator, free of Kafka: yields events round-robin over the series
 * (series 0, 1, …, n-1, then series 0 again) and an {@link AnomalyWindow} for every anomaly it
 * injects, once that anomaly is over.
 *
 * <p>Value of series {@code s} at event time {@code t}: {@code baseline_s + amplitude · sin(2π ·
 * phase(t)) + noise · N(0,1)}, where {@code phase(t)} is the position of {@code t} within the
 * seasonality period counted from the epoch (so with a one-day period every series peaks at 06:00
 * UTC and bottoms out at 18:00 UTC), and {@code baseline_s} is drawn once per series from [0.5,
 * 1.5] × baseline. An anomaly under way then changes the value as its {@link AnomalyKind} says.
 *
 * <p>Deterministic: each series draws from its own two random streams seeded from ({@code seed},
 * series index), one for noise and one for anomalies. So a series does not change when the series
 * count changes, and injecting an anomaly leaves every normal value untouched. In {@link
 * EventTimeMode#SIMULATED simulated} time the whole output is a function of the config; in real
 * time the timestamps, and with them the seasonality, come from the clock.
 *
 * <p>Random anomalies start with probability {@code anomalyRate} at any event of a series that has
 * none under way. A scripted anomaly starts at the first event at or after its index or time when
 * no other scripted anomaly is under way in that series, cutting a random one short.
 *
 * <p>With a history ({@link GeneratorConfig#historyEvents()}, real time only), the first that many
 * events of each series are stamped {@code time.step} apart, the last one a step before the
 * simulator was created ({@link #liveStart()}); the events after it are stamped by the clock.
 *
 * <p>Not thread-safe: one thread drives it.
 */
public final class SeriesSimulator {
  private final GeneratorConfig config;
  private final Clock clock;
  private final Instant simulatedStart;
  private final Instant historyStart;
  private final Instant liveStart;
  private final List<Series> series;
  private long emitted;

  private SeriesSimulator(
      GeneratorConfig config, Clock clock, Instant simulatedStart, Instant liveStart) {
    this.config = config;
    this.clock = clock;
    this.simulatedStart = simulatedStart;
    this.liveStart = liveStart;
    this.historyStart =
        liveStart.minus(config.simulatedStep().multipliedBy(config.historyEvents()));
    List<Series> all = new ArrayList<>(config.seriesCount());
    for (int i = 0; i < config.seriesCount(); i++) {
      all.add(new Series(config, i));
    }
    for (InjectedAnomaly anomaly : config.scripted()) {
      all.get(config.seriesIndex(anomaly.key())).pending.add(anomaly);
    }
    this.series = List.copyOf(all);
  }

  /**
   * A simulator for {@code config}. In simulated time without an explicit start, the start is
   * chosen so that a run bounded by {@code maxEvents} stamps its last events with the clock's
   * current time (so consumers do not reject them as future events); an unbounded run starts now. A
   * history replay (real time only) ends one step before now.
   */
  public static SeriesSimulator create(GeneratorConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant start = null;
    if (config.timeMode() == EventTimeMode.SIMULATED) {
      start =
          config
              .simulatedStart()
              .orElseGet(
                  () -> {
                    long perSeries =
                        (config.maxEvents() + config.seriesCount() - 1) / config.seriesCount();
                    return perSeries <= 1
                        ? now
                        : now.minus(config.simulatedStep().multipliedBy(perSeries - 1));
                  });
    }
    return new SeriesSimulator(config, clock, start, now);
  }

  /** One generated event: its 0-based number within its series and any labels it completes. */
  public record Sample(Event event, long index, List<AnomalyWindow> completedLabels) {
    public Sample {
      completedLabels = List.copyOf(completedLabels);
    }
  }

  /** The next event, round-robin over the series. */
  public Sample next() {
    Series s = series.get((int) (emitted % series.size()));
    long index = emitted / series.size();
    emitted++;
    Instant timestamp;
    if (index < config.historyEvents()) {
      timestamp = historyStart.plus(config.simulatedStep().multipliedBy(index));
    } else if (simulatedStart == null) {
      timestamp = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    } else {
      timestamp = simulatedStart.plus(config.simulatedStep().multipliedBy(index));
    }
    return s.next(index, timestamp);
  }

  /** Events generated so far. */
  public long emitted() {
    return emitted;
  }

  /** Whether the history replay is over (or there is none): the next event is live. */
  public boolean historyReplayed() {
    return emitted >= config.historyTotal();
  }

  /**
   * When the simulator was created: a history replay ends before it, live events in real time are
   * stamped from it on.
   */
  public Instant liveStart() {
    return liveStart;
  }

  /** The first simulated timestamp, or null in real time. */
  public Instant simulatedStart() {
    return simulatedStart;
  }

  /**
   * Ends every anomaly still under way at the last event generated and returns their labels. Call
   * once generation stops, so the labels cover every injected anomaly.
   */
  public List<AnomalyWindow> finish() {
    List<AnomalyWindow> labels = new ArrayList<>();
    for (Series s : series) {
      if (s.active != null) {
        labels.add(s.active.label(s.key, s.lastTimestamp));
        s.active = null;
      }
    }
    return List.copyOf(labels);
  }

  private double seasonal(Instant timestamp) {
    long period = config.seasonalityPeriod().toMillis();
    double phase = (double) Math.floorMod(timestamp.toEpochMilli(), period) / period;
    return config.seasonalityAmplitude() * Math.sin(2 * Math.PI * phase);
  }

  /** One series' state. */
  private final class Series {
    private final String key;
    private final double baseline;
    private final Random noise;
    private final Random anomalies;
    private final List<InjectedAnomaly> pending = new ArrayList<>();
    private Active active;
    private double lastValue = Double.NaN;
    private Instant lastTimestamp;

    Series(GeneratorConfig config, int index) {
      this.key = config.seriesKey(index);
      long seriesSeed = mix(config.seed(), index);
      this.noise = new Random(seriesSeed);
      this.anomalies = new Random(mix(seriesSeed, -1));
      this.baseline = config.baseline() * (0.5 + noise.nextDouble());
    }

    Sample next(long index, Instant timestamp) {
      double normal = baseline + seasonal(timestamp) + config.noise() * noise.nextGaussian();
      List<AnomalyWindow> completed = new ArrayList<>(1);
      double before = Double.isNaN(lastValue) ? normal : lastValue;
      InjectedAnomaly scripted = active != null && active.scripted ? null : due(index, timestamp);
      if (scripted != null) {
        if (active != null) {
          completed.add(active.label(key, lastTimestamp));
        }
        int length = scripted.length() > 0 ? scripted.length() : config.anomalyLength();
        active =
            new Active(
                scripted.kind(),
                scripted.magnitude(),
                scripted.kind().length(length),
                timestamp,
                before,
                true);
      } else if (active == null
          && config.anomalyRate() > 0
          && anomalies.nextDouble() < config.anomalyRate()) {
        AnomalyKind kind =
            config.anomalyKinds().get(anomalies.nextInt(config.anomalyKinds().size()));
        double magnitude = (anomalies.nextBoolean() ? 1 : -1) * config.anomalyMagnitude();
        active =
            new Active(
                kind, magnitude, kind.length(config.anomalyLength()), timestamp, before, false);
      }
      double value = normal;
      if (active != null) {
        value = active.kind.apply(normal, active.progress(), anomalies);
        active.step++;
        if (active.step == active.length) {
          completed.add(active.label(key, timestamp));
          active = null;
        }
      }
      lastValue = value;
      lastTimestamp = timestamp;
      Event event = new Event(key, timestamp, value, null, key + "#" + index, Map.of());
      return new Sample(event, index, completed);
    }

    private InjectedAnomaly due(long index, Instant timestamp) {
      for (int i = 0; i < pending.size(); i++) {
        if (pending.get(i).dueAt(index, timestamp)) {
          return pending.remove(i);
        }
      }
      return null;
    }
  }

  /** An anomaly under way in one series. */
  private static final class Active {
    private final AnomalyKind kind;
    private final double magnitude;
    private final int length;
    private final Instant start;
    private final double valueBefore;
    private final boolean scripted;
    private int step;

    Active(
        AnomalyKind kind,
        double magnitude,
        int length,
        Instant start,
        double valueBefore,
        boolean scripted) {
      this.kind = kind;
      this.magnitude = magnitude;
      this.length = length;
      this.start = start;
      this.valueBefore = valueBefore;
      this.scripted = scripted;
    }

    AnomalyKind.Progress progress() {
      return new AnomalyKind.Progress(step, length, magnitude, valueBefore);
    }

    AnomalyWindow label(String key, Instant end) {
      return new AnomalyWindow(key, kind, start, end, magnitude);
    }
  }

  /** A well-spread seed for stream {@code index} of {@code seed} (SplitMix64 finaliser). */
  private static long mix(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

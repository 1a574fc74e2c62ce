package io.vigil.evaluation.synthetic;

import io.vigil.detect.pipeline.Decision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the pipeline's decisions of a synthetic run and turns them into a {@link DetectionReport}.
 *
 * <p>Labelling rule: an injection's matching window runs from its first anomalous event to {@code
 * grace} events after its last one (a detector may only see a level shift or a ramp end when the
 * series comes back). An injection is detected when an emitted alert ({@link Decision#alerts()}, so
 * neither warm-up nor suppressed repeats) falls in its window; its delay is the distance from the
 * first anomalous event to the first such alert. An alert on an injected series is true when it
 * falls in a window there, else false; precision is true over all alerts of the series of a kind.
 * Every alert on a series without injections is a false alert.
 *
 * <p>Each series' events are recorded by one thread at a time; different series may be recorded
 * from different threads ({@link SyntheticEvaluation} scores series in parallel), as they share no
 * counter. {@link #report} runs once recording is over.
 */
public final class DetectionTally {
  private final long[] events;
  private final List<List<Long>> alerts;

  public DetectionTally(int series) {
    if (series < 1) {
      throw new IllegalArgumentException("series must be at least 1, was " + series);
    }
    this.events = new long[series];
    this.alerts = new ArrayList<>(series);
    for (int i = 0; i < series; i++) {
      alerts.add(new ArrayList<>());
    }
  }

  /** Records the decision on event {@code index} of series {@code series}. */
  public void record(int series, long index, Decision decision) {
    events[series]++;
    if (decision.alerts()) {
      alerts.get(series).add(index);
    }
  }

  /** Events recorded over all series. */
  public long events() {
    return Arrays.stream(events).sum();
  }

  /**
   * The figures for {@code injections}, rows in the order of {@code kinds} (kinds injected but not
   * listed follow).
   */
  public DetectionReport report(List<String> kinds, List<Injection> injections, int grace) {
    if (grace < 0) {
      throw new IllegalArgumentException("grace must not be negative, was " + grace);
    }
    Map<Integer, List<Injection>> bySeries = new HashMap<>();
    Set<String> order = new LinkedHashSet<>(kinds);
    for (Injection injection : injections) {
      if (injection.series() < 0 || injection.series() >= events.length) {
        throw new IllegalArgumentException("injection on unknown series: " + injection);
      }
      bySeries.computeIfAbsent(injection.series(), s -> new ArrayList<>()).add(injection);
      order.add(injection.kind());
    }
    Map<String, Counter> counters = new LinkedHashMap<>();
    order.forEach(kind -> counters.put(kind, new Counter(kind)));
    Counter all = new Counter("all");
    long cleanEvents = 0;
    long cleanAlerts = 0;
    int cleanSeries = 0;
    for (int s = 0; s < events.length; s++) {
      List<Long> seriesAlerts = alerts.get(s);
      List<Injection> windows = bySeries.getOrDefault(s, List.of());
      if (windows.isEmpty()) {
        cleanSeries++;
        cleanEvents += events[s];
        cleanAlerts += seriesAlerts.size();
        continue;
      }
      windows.sort(Comparator.comparingLong(Injection::start));
      Set<String> seriesKinds = new LinkedHashSet<>();
      windows.forEach(w -> seriesKinds.add(w.kind()));
      for (long alert : seriesAlerts) {
        Injection hit = windowOf(windows, alert, grace);
        all.alerts++;
        if (hit == null) {
          // A false alert counts against every kind on the series (one, as a Scenario lays out).
          seriesKinds.forEach(kind -> counters.get(kind).alerts++);
        } else {
          all.trueAlerts++;
          counters.get(hit.kind()).alerts++;
          counters.get(hit.kind()).trueAlerts++;
        }
      }
      for (Injection window : windows) {
        Counter counter = counters.get(window.kind());
        counter.injections++;
        all.injections++;
        Long first = firstAlertIn(seriesAlerts, window, grace);
        if (first != null) {
          counter.delays.add(first - window.start());
          all.delays.add(first - window.start());
        }
      }
    }
    List<KindResult> rows = counters.values().stream().map(Counter::result).toList();
    return new DetectionReport(rows, all.result(), cleanSeries, cleanEvents, cleanAlerts);
  }

  private static Injection windowOf(List<Injection> windows, long alert, int grace) {
    for (Injection w : windows) {
      if (alert >= w.start() && alert <= w.end() + grace) {
        return w;
      }
    }
    return null;
  }

  private static Long firstAlertIn(List<Long> alerts, Injection window, int grace) {
    for (long alert : alerts) {
      if (alert >= window.start() && alert <= window.end() + grace) {
        return alert;
      }
    }
    return null;
  }

  /** The median of {@code values}; NaN when empty. */
  static double median(List<Long> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  private static final class Counter {
    private final String kind;
    private int injections;
    private long alerts;
    private long trueAlerts;
    private final List<Long> delays = new ArrayList<>();

    Counter(String kind) {
      this.kind = kind;
    }

    KindResult result() {
      return new KindResult(kind, injections, delays.size(), alerts, trueAlerts, median(delays));
    }
  }
}

package io.vigil.launcher.demo;

import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.ingest.generate.InjectedAnomaly;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The anomalies the demo scripts into its first live minute: one each on distinct series chosen by
 * the seed, five seconds apart from the fifth second on, of the given kinds in turn, each of a size
 * that is clearly anomalous against the generator's noise (σ = 1) and daily swing (±10) without
 * leaving the series' usual range by much. The other series get none: they are the clean ones.
 */
record InjectionPlan(List<InjectedAnomaly> anomalies) {
  /** Live seconds before the first injection and between two. */
  static final int SPACING_SECONDS = 5;

  /** Events a level shift (or any kind that lasts) lasts. */
  static final int LENGTH = 30;

  InjectionPlan {
    anomalies = List.copyOf(anomalies);
  }

  static InjectionPlan of(GeneratorConfig config, int injections, List<AnomalyKind> kinds) {
    if (injections == 0 || kinds.isEmpty()) {
      return new InjectionPlan(List.of());
    }
    Random random = new Random(config.seed());
    List<Integer> series =
        new ArrayList<>(IntStream.range(0, config.seriesCount()).boxed().toList());
    Collections.shuffle(series, random);
    double eventsPerSeriesSecond = config.eventsPerSecond() / config.seriesCount();
    List<InjectedAnomaly> anomalies = new ArrayList<>();
    for (int i = 0; i < Math.min(injections, series.size()); i++) {
      AnomalyKind kind = kinds.get(i % kinds.size());
      long liveIndex = Math.round((i + 1) * SPACING_SECONDS * eventsPerSeriesSecond);
      double sign = random.nextBoolean() ? 1 : -1;
      anomalies.add(
          InjectedAnomaly.atIndex(
                  config.seriesKey(series.get(i)),
                  config.historyEvents() + liveIndex,
                  kind,
                  sign * magnitude(kind))
              .lasting(LENGTH));
    }
    return new InjectionPlan(anomalies);
  }

  /** In units of the generator's noise σ (1). */
  static double magnitude(AnomalyKind kind) {
    return switch (kind) {
      case SPIKE -> 12;
      case LEVEL_SHIFT -> 6;
      case TREND_CHANGE -> 12;
      case VARIANCE_CHANGE -> 5;
      case FLATLINE -> 0;
    };
  }

  /** How long the injections take, in live seconds. */
  int lastSecond() {
    return anomalies.size() * SPACING_SECONDS;
  }
}

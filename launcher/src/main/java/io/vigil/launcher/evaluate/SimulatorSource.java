package io.vigil.launcher.evaluate;

import io.vigil.evaluation.synthetic.Injection;
import io.vigil.evaluation.synthetic.PlannedInjection;
import io.vigil.evaluation.synthetic.Scenario;
import io.vigil.evaluation.synthetic.SeriesSource;
import io.vigil.evaluation.synthetic.Signal;
import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.AnomalyWindow;
import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.ingest.generate.InjectedAnomaly;
import io.vigil.ingest.generate.SeriesSimulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic generator's series for {@code vigil evaluate}: the very {@link SeriesSimulator}
 * behind {@code vigil generate} and the demo, in simulated time, with the scenario's injections
 * scripted and no random ones. The evaluation module sees only {@link SeriesSource}, so it stays
 * free of the ingest connector and Kafka; this class is the one place that wires the two.
 */
public final class SimulatorSource implements SeriesSource {
  /** Event time of every series' first event; fixed so that a run depends on the seed only. */
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  /** The kind's name as {@code vigil evaluate} prints it and {@code --kinds} takes it. */
  public static String name(AnomalyKind kind) {
    return kind.wireName().replace('_', '-');
  }

  /**
   * The generator configuration of {@code scenario}.
   *
   * @throws io.vigil.runtime.config.ConfigException if the generator rejects a value
   * @throws IllegalArgumentException for a kind the generator does not know
   */
  public static GeneratorConfig config(Scenario scenario) {
    Signal signal = scenario.signal();
    GeneratorConfig.Builder builder =
        GeneratorConfig.builder()
            .seriesCount(scenario.series())
            .maxEvents((long) scenario.series() * scenario.eventsPerSeries())
            .baseline(signal.baseline())
            .seasonalityPeriod(signal.period())
            .seasonalityAmplitude(signal.amplitude())
            .noise(signal.noise())
            .anomalyRate(0)
            .anomalyLength(scenario.length())
            .seed(scenario.seed())
            .simulatedTime(START, signal.step());
    String prefix = builder.build().keyPrefix();
    for (PlannedInjection p : scenario.plan()) {
      builder.inject(
          InjectedAnomaly.atIndex(
                  prefix + p.series(), p.atIndex(), AnomalyKind.parse(p.kind()), p.magnitude())
              .lasting(p.length()));
    }
    return builder.build();
  }

  @Override
  public List<Injection> emit(Scenario scenario, Observer observer) {
    GeneratorConfig config = config(scenario);
    Map<String, Integer> seriesOf = new HashMap<>();
    for (int i = 0; i < config.seriesCount(); i++) {
      seriesOf.put(config.seriesKey(i), i);
    }
    // Simulated time never reads the clock; it is only the simulator's required collaborator.
    SeriesSimulator simulator = SeriesSimulator.create(config, Clock.fixed(START, ZoneOffset.UTC));
    List<AnomalyWindow> labels = new ArrayList<>();
    for (long n = 0; n < config.maxEvents(); n++) {
      SeriesSimulator.Sample sample = simulator.next();
      observer.observe(
          seriesOf.get(sample.event().key()),
          sample.index(),
          sample.event().timestamp(),
          sample.event().value());
      labels.addAll(sample.completedLabels());
    }
    labels.addAll(simulator.finish());
    Duration step = scenario.signal().step();
    return labels.stream()
        .map(
            label ->
                new Injection(
                    seriesOf.get(label.key()),
                    name(label.kind()),
                    indexOf(label.start(), step),
                    indexOf(label.end(), step)))
        .toList();
  }

  private static long indexOf(Instant time, Duration step) {
    return Duration.between(START, time).toMillis() / step.toMillis();
  }
}

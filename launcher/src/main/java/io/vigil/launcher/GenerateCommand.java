package io.vigil.launcher;

import io.vigil.ingest.generate.GeneratorApplication;
import io.vigil.ingest.generate.GeneratorServiceConfig;
import io.vigil.runtime.ServiceRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil generate}: synthetic series with labelled anomalies into the events topic. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Produces synthetic series (daily seasonality, noise, injected anomalies) to the events topic.",
      "Settings come from the environment (VIGIL_GENERATOR_*, KAFKA_*); options override them."
    })
final class GenerateCommand implements Callable<Integer> {
  @Mixin KafkaServiceOptions service;

  @Option(names = "--series", description = "Number of series.")
  Integer series;

  @Option(names = "--rate", description = "Events per second across all series (0 = unpaced).")
  Double rate;

  @Option(names = "--duration", description = "Stop after this long, e.g. 60s, 10m (0 = never).")
  String duration;

  @Option(names = "--max-events", description = "Stop after this many events (0 = no limit).")
  Long maxEvents;

  @Option(names = "--baseline", description = "Typical level of a series (default 100).")
  Double baseline;

  @Option(
      names = "--seasonality-period",
      description = "Period of the sine seasonality in event time, e.g. 1d (default), 1h.")
  String seasonalityPeriod;

  @Option(
      names = "--seasonality-amplitude",
      description = "Amplitude of the seasonality (default 10; 0 = none).")
  Double seasonalityAmplitude;

  @Option(names = "--noise", description = "Standard deviation of the Gaussian noise (default 1).")
  Double noise;

  @Option(
      names = "--anomaly-magnitude",
      description = "Size of a random anomaly in value units (default 15).")
  Double anomalyMagnitude;

  @Option(names = "--anomaly-length", description = "Events an anomaly lasts (default 30).")
  Integer anomalyLength;

  @Option(
      names = "--time-mode",
      description = "real (timestamps from the clock, default) or simulated (start + i × step).")
  String timeMode;

  @Option(names = "--time-step", description = "Simulated time between two events of a series.")
  String timeStep;

  @Option(names = "--anomaly-rate", description = "Probability per event that an anomaly starts.")
  Double anomalyRate;

  @Option(
      names = "--anomaly-kinds",
      description = "Comma list of spike, level-shift, trend-change, variance-change, flatline.")
  String anomalyKinds;

  @Option(names = "--seed", description = "Random seed (same seed, same series).")
  Long seed;

  @Option(names = "--labels", description = "Write the injected anomalies' labels (NDJSON) here.")
  Path labels;

  @Override
  public Integer call() {
    SettingOverrides settings =
        service
            .overrides()
            .with("vigil.generator.series", series)
            .with("vigil.generator.rate", rate)
            .with("vigil.generator.duration", duration)
            .with("vigil.generator.max.events", maxEvents)
            .with("vigil.generator.baseline", baseline)
            .with("vigil.generator.seasonality.period", seasonalityPeriod)
            .with("vigil.generator.seasonality.amplitude", seasonalityAmplitude)
            .with("vigil.generator.noise", noise)
            .with("vigil.generator.anomaly.magnitude", anomalyMagnitude)
            .with("vigil.generator.anomaly.length", anomalyLength)
            .with("vigil.generator.time.mode", timeMode)
            .with("vigil.generator.time.step", timeStep)
            .with("vigil.generator.anomaly.rate", anomalyRate)
            .with("vigil.generator.anomaly.kinds", anomalyKinds)
            .with("vigil.generator.seed", seed)
            .with("vigil.generator.labels.file", labels);
    return ServiceRunner.run(
        "generator",
        settings.env(),
        GeneratorServiceConfig::from,
        GeneratorApplication::start,
        System.err);
  }
}

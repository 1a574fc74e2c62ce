package io.vigil.launcher;

import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.evaluation.DetectorScorer;
import io.vigil.evaluation.synthetic.Scenario;
import io.vigil.evaluation.synthetic.Signal;
import io.vigil.evaluation.synthetic.SyntheticEvaluation;
import io.vigil.ingest.generate.AnomalyKind;
import io.vigil.ingest.generate.GeneratorConfig;
import io.vigil.launcher.demo.DemoCommand.DurationConverter;
import io.vigil.launcher.evaluate.SimulatorSource;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.ConfigException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil evaluate}: detection quality on labelled synthetic series, per anomaly kind. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Detection quality per anomaly kind on labelled synthetic series.",
      "The generator's series (daily seasonality, noise; seeded) get anomalies of the",
      "chosen kinds on some series and none on the others (--clean-share); every event",
      "goes through the processor's per-key scoring pipeline. Prints per kind: recall,",
      "precision and median detection delay in events; and false alerts per 10,000",
      "events on the clean series. An injection counts as detected when an emitted",
      "alert falls between its first anomalous event and --grace events after its last."
    })
final class EvaluateCommand implements Callable<Integer> {
  /** The generator's own defaults, so the signal matches {@code vigil generate}'s. */
  private static final GeneratorConfig GENERATOR = GeneratorConfig.builder().build();

  private final Clock clock = Clock.systemUTC();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--series", description = "Number of series. Default: ${DEFAULT-VALUE}.")
  int series = 100;

  @Option(names = "--events", description = "Events per series. Default: ${DEFAULT-VALUE}.")
  int events = 3600;

  @Option(
      names = "--clean-share",
      description =
          "Share of the series left without injections, for false alerts. Default:"
              + " ${DEFAULT-VALUE}.")
  double cleanShare = 0.6;

  @Option(
      names = "--detector",
      description =
          "Detector setup, as in vigil nab and vigil.processor.detector. Default: the"
              + " processor's, ${DEFAULT-VALUE}.")
  String detector = ProcessorConfig.DEFAULT_DETECTOR.configName();

  @Option(
      names = "--kinds",
      split = ",",
      description =
          "Comma list of anomaly kinds to inject: spike, level-shift, trend-change,"
              + " variance-change, flatline. Default: all.")
  List<String> kinds = Arrays.stream(AnomalyKind.values()).map(SimulatorSource::name).toList();

  @Option(
      names = "--magnitude",
      description =
          "Size of an anomaly in value units, random sign (variance-change: the extra noise's"
              + " standard deviation; flatline: unused). Default: ${DEFAULT-VALUE}.")
  double magnitude = GENERATOR.anomalyMagnitude();

  @Option(
      names = "--length",
      description = "Events an anomaly lasts (a spike: one). Default: ${DEFAULT-VALUE}.")
  int length = GENERATOR.anomalyLength();

  @Option(
      names = "--first-at",
      description =
          "Earliest event of a series an injection may start at (at least "
              + Scenario.MIN_FIRST_AT
              + ", past the warm-up). Default: ${DEFAULT-VALUE}.")
  int firstAt = 400;

  @Option(
      names = "--spacing",
      description =
          "Events between the starts of two injections in a series (each start is jittered"
              + " forward by up to a fifth of it). Default: ${DEFAULT-VALUE}.")
  int spacing = 500;

  @Option(
      names = "--grace",
      description =
          "Events after an anomaly's last one in which an alert still detects it. Default:"
              + " ${DEFAULT-VALUE}.")
  int grace = 10;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 1;

  @Option(
      names = "--baseline",
      description = "Typical level of a series. Default: ${DEFAULT-VALUE}.")
  double baseline = GENERATOR.baseline();

  @Option(
      names = "--seasonality-period",
      converter = DurationConverter.class,
      description = "Period of the sine seasonality in event time. Default: ${DEFAULT-VALUE}.")
  Duration seasonalityPeriod = GENERATOR.seasonalityPeriod();

  @Option(
      names = "--seasonality-amplitude",
      description = "Amplitude of the seasonality (0 = none). Default: ${DEFAULT-VALUE}.")
  double seasonalityAmplitude = GENERATOR.seasonalityAmplitude();

  @Option(
      names = "--noise",
      description = "Standard deviation of the Gaussian noise. Default: ${DEFAULT-VALUE}.")
  double noise = GENERATOR.noise();

  @Option(
      names = "--time-step",
      converter = DurationConverter.class,
      description =
          "Event time between two events of a series (5m: 288 events per daily cycle)."
              + " Default: ${DEFAULT-VALUE}.")
  Duration timeStep = Duration.ofMinutes(5);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Scenario scenario;
    DetectorScorer<?> scorer;
    try {
      // Everything is checked before the first event, so a usage error never looks like a run.
      scorer = DetectorScorer.of(DetectorCatalog.byName(detector));
      scenario = scenario();
      SimulatorSource.config(scenario);
    } catch (IllegalArgumentException e) {
      err.println("vigil evaluate: " + e.getMessage());
      return 2;
    } catch (ConfigException e) {
      err.println("vigil evaluate: " + String.join("; ", e.problems()));
      return 2;
    }
    Instant started = clock.instant();
    SyntheticEvaluation.Result result =
        SyntheticEvaluation.run(scenario, new SimulatorSource(), scorer);
    Duration took = Duration.between(started, clock.instant());
    out.println("detector " + scorer.configuration());
    out.println(scenario.describe());
    out.println(result.report().format());
    out.printf(
        Locale.ROOT,
        "%d events, %d injections, scored in %.1f s%n",
        result.events(),
        result.injections().size(),
        took.toMillis() / 1000.0);
    out.flush();
    return 0;
  }

  private Scenario scenario() {
    List<String> names =
        kinds.stream().map(k -> SimulatorSource.name(AnomalyKind.parse(k))).distinct().toList();
    return new Scenario(
        series,
        events,
        cleanShare,
        names,
        firstAt,
        spacing,
        length,
        magnitude,
        grace,
        seed,
        new Signal(baseline, seasonalityPeriod, seasonalityAmplitude, noise, timeStep));
  }
}

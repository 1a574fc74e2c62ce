package io.vigil.launcher;

import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.evaluation.CrossValidation;
import io.vigil.evaluation.DetectorScorer;
import io.vigil.evaluation.NabBreakdown;
import io.vigil.evaluation.NabPlot;
import io.vigil.evaluation.NabReport;
import io.vigil.evaluation.NabRun;
import io.vigil.evaluation.NabRunner;
import io.vigil.evaluation.StreamingScorer;
import io.vigil.evaluation.nab.Corpus;
import io.vigil.evaluation.nab.CostProfile;
import io.vigil.launcher.nab.PipelineScores;
import io.vigil.localstack.LocalStack;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.Settings;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil nab}: detection quality on a NAB-style corpus, scored as NAB does. */
@Command(
    name = "nab",
    mixinStandardHelpOptions = true,
    description = {
      "Streams every series of a NAB-style folder through the detector (fresh model per file,",
      "rows in order, one configuration for all files), writes NAB result files and prints the",
      "NAB scores of the three profiles at the corpus-wide best thresholds, then per category",
      "(at those thresholds) and per file (windows detected / missed, false positives).",
      "With --via-kafka the rows go through the real pipeline instead (ingest replay -> stream",
      "processor -> scores topic) on an embedded Kafka broker, and give the same scores."
    })
final class NabCommand implements Callable<Integer> {
  private final Clock clock = Clock.systemUTC();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description = "NAB folder with data/, labels/combined_windows.json, config/profiles.json.")
  Path data;

  @Option(
      names = "--out",
      defaultValue = "nab-results",
      description = "Where result files go (<out>/<detector>/...). Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--detector",
      converter = DetectorSetupConverter.class,
      description =
          "Detector setup: adaptive (the processor's default), ewma, seasonal, seasonal-weekly,"
              + " rcf, range, ensemble, ensemble-range. Default: the processor's default.")
  DetectorCatalog detector = ProcessorConfig.DEFAULT_DETECTOR;

  @Option(
      names = "--plot",
      paramLabel = "DIR",
      description =
          "Also write one PNG per file into DIR (<DIR>/<category>/<name>.png): values, label"
              + " windows, probation, detections at the standard profile's threshold.")
  Path plot;

  @Option(
      names = "--cross-validate",
      description =
          "Also print honest generalisation figures: each category scored at the threshold that"
              + " NAB's sweep finds on the other categories only, and the pooled figure.")
  boolean crossValidate;

  @Option(
      names = "--via-kafka",
      description =
          "Replay the corpus through the real pipeline (ingest replay, stream processor, scores"
              + " topic) instead of calling the scoring code directly; results go to"
              + " <out>/<detector>-via-kafka.")
  boolean viaKafka;

  @Option(
      names = "--bootstrap-servers",
      description = "With --via-kafka: an existing Kafka cluster instead of an embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--timeout",
      defaultValue = "PT30M",
      description =
          "With --via-kafka: how long to wait for every score. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      Corpus corpus = Corpus.open(data);
      if (crossValidate && corpus.categories().size() < 2) {
        // Checked before the (long) run: the corpus alone decides it.
        throw new IllegalArgumentException(
            "--cross-validate needs at least two categories (data/<category>/...), found "
                + corpus.categories());
      }
      NabRun run = viaKafka ? viaKafka(corpus) : new NabRunner(clock).run(corpus, scorer(), out);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println(NabReport.format(run));
      CostProfile counted = NabBreakdown.countedProfile(corpus);
      stdout.print(NabReport.format(NabBreakdown.of(corpus, run), counted));
      if (crossValidate) {
        stdout.print(NabReport.format(CrossValidation.of(corpus, run.results())));
      }
      if (plot != null) {
        List<Path> written = NabPlot.write(corpus, run, counted, plot);
        stdout.println("plots: " + written.size() + " PNG files in " + plot);
      }
      // The writer flushes on println only; the tables end with print.
      stdout.flush();
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // A malformed corpus or an unwritable output folder: say what, no stack trace.
      err.println("vigil nab: " + e.getMessage());
      return 2;
    } catch (IllegalStateException e) {
      err.println("vigil nab: the pipeline run failed: " + e.getMessage());
      return 1;
    }
  }

  private StreamingScorer scorer() {
    return DetectorScorer.of(detector);
  }

  private NabRun viaKafka(Corpus corpus) {
    if (bootstrapServers != null) {
      // An existing cluster: KAFKA_* from the environment (SASL_SSL ...) as for every service.
      return viaKafka(
          corpus,
          Settings.load(
                  new SettingOverrides(System.getenv())
                      .with("kafka.bootstrap.servers", bootstrapServers)
                      .env())
              .kafkaProperties());
    }
    try (LocalStack stack = LocalStack.start()) {
      return viaKafka(corpus, stack.kafkaClientProperties());
    }
  }

  private NabRun viaKafka(Corpus corpus, Map<String, String> kafkaClient) {
    PipelineScores pipeline = new PipelineScores(kafkaClient, clock, timeout);
    // Computed on the first file's request, so that the run's time includes the pipeline.
    Map<String, double[]> scores = new HashMap<>();
    StreamingScorer direct = scorer();
    return new NabRunner(clock)
        .run(
            corpus,
            direct.name() + "-via-kafka",
            direct.configuration(),
            (file, series) -> {
              if (scores.isEmpty()) {
                scores.putAll(pipeline.score(corpus, detector));
              }
              return scores.get(file);
            },
            out);
  }

  /** Reads the configuration names of {@link DetectorCatalog}, e.g. {@code seasonal-weekly}. */
  static final class DetectorSetupConverter implements CommandLine.ITypeConverter<DetectorCatalog> {
    @Override
    public DetectorCatalog convert(String value) {
      return DetectorCatalog.byName(value);
    }
  }
}

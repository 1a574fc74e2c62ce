package io.vigil.launcher;

import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.evaluation.DetectorScorer;
import io.vigil.evaluation.NabReport;
import io.vigil.evaluation.NabRun;
import io.vigil.evaluation.NabRunner;
import io.vigil.evaluation.StreamingScorer;
import io.vigil.evaluation.nab.Corpus;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
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
      "NAB scores of the three profiles at the corpus-wide best thresholds."
    })
final class NabCommand implements Callable<Integer> {
  /** Detectors the evaluation can run. */
  enum DetectorChoice {
    EWMA
  }

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
      defaultValue = "ewma",
      description = "Detector: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  DetectorChoice detector;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      NabRun run = new NabRunner(Clock.systemUTC()).run(Corpus.open(data), scorer(), out);
      spec.commandLine().getOut().println(NabReport.format(run));
      return 0;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      // A malformed corpus or an unwritable output folder: say what, no stack trace.
      err.println("vigil nab: " + e.getMessage());
      return 2;
    }
  }

  private StreamingScorer scorer() {
    return switch (detector) {
      case EWMA -> DetectorScorer.ewma(EwmaParameters.defaults());
    };
  }
}

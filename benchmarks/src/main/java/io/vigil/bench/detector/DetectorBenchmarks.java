package io.vigil.bench.detector;

import io.vigil.detect.pipeline.DetectorCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DetectorBenchmark} for every detector setup and prints the {@link CostTable}: {@code
 * java -jar benchmarks/target/benchmarks-jmh.jar [JMH options]}. Any JMH option works (e.g. {@code
 * -p setup=ewma,rcf -p features=1 -f 3 -wi 5 -i 10}); unless given, {@code setup} is every {@link
 * DetectorCatalog} configuration, the gc profiler is on (allocation per event) and only the
 * detector benchmarks run. Exit codes: 0 done, 1 a benchmark failed, 2 bad options.
 */
public final class DetectorBenchmarks {
  private static final String PROGRAM = "benchmarks";

  private DetectorBenchmarks() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLineOptions cli;
    try {
      cli = new CommandLineOptions(args);
    } catch (CommandLineOptionException e) {
      err.println(PROGRAM + ": " + e.getMessage() + " (-h lists the options)");
      return 2;
    }
    try {
      if (cli.shouldHelp()) {
        out.println(
            "Runs the detector benchmarks and prints a table; every setup, the gc profiler and a"
                + " short run (1 fork, 2 x 1 s warm-up, 3 x 1 s measurement) unless these JMH"
                + " options say otherwise:");
        cli.showHelp();
        return 0;
      }
      Options options = options(cli);
      if (cli.shouldList() || cli.shouldListWithParams()) {
        new Runner(options).list();
        return 0;
      }
      Collection<RunResult> results = new Runner(options).run();
      out.println();
      out.print(
          CostTable.render(
              CostTable.rows(
                  results,
                  (setup, features) ->
                      KeyStream.of(setup, features)
                          .feed(DetectorBenchmark.STORED_EVENTS)
                          .stateBytes()
                          .length)));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return 2;
    } catch (RunnerException | IOException e) {
      err.println(PROGRAM + ": benchmark run failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * {@code cli} with the defaults: the detector benchmarks, every setup, the gc profiler, stop at
   * the first error.
   *
   * @throws IllegalArgumentException naming the known setups, for an unknown {@code -p setup}
   */
  static Options options(CommandLineOptions cli) {
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(DetectorBenchmark.class.getName() + "\\.");
    }
    if (cli.getParameter("setup").hasValue()) {
      // Checked here, so a typo is one clear line rather than a stack trace per fork.
      cli.getParameter("setup").get().forEach(DetectorCatalog::byName);
    } else {
      options.param(
          "setup",
          Arrays.stream(DetectorCatalog.values())
              .map(DetectorCatalog::configName)
              .toArray(String[]::new));
    }
    boolean gc =
        cli.getProfilers().stream()
            .anyMatch(p -> List.of("gc", GCProfiler.class.getName()).contains(p.getKlass()));
    if (!gc) {
      options.addProfiler(GCProfiler.class);
    }
    if (!cli.shouldFailOnError().hasValue()) {
      options.shouldFailOnError(true);
    }
    return options.build();
  }
}

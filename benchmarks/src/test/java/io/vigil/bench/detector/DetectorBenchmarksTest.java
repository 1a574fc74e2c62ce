package io.vigil.bench.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.pipeline.DetectorCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

class DetectorBenchmarksTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void shouldBenchmarkEverySetupOfTheCatalogWithTheGcProfilerByDefault() throws Exception {
    Options options = DetectorBenchmarks.options(new CommandLineOptions());

    assertThat(options.getParameter("setup").get())
        .containsExactlyElementsOf(
            Arrays.stream(DetectorCatalog.values()).map(DetectorCatalog::configName).toList());
    assertThat(options.getIncludes()).containsExactly(DetectorBenchmark.class.getName() + "\\.");
    assertThat(options.getProfilers())
        .extracting(p -> p.getKlass())
        .containsExactly(GCProfiler.class.getName());
    assertThat(options.shouldFailOnError().get()).isTrue();
  }

  @Test
  void shouldKeepTheSetupsAndProfilerGivenOnTheCommandLine() throws Exception {
    Options options =
        DetectorBenchmarks.options(
            new CommandLineOptions("-p", "setup=ewma,rcf", "-prof", "gc", "-foe", "false"));

    assertThat(options.getParameter("setup").get()).containsExactly("ewma", "rcf");
    assertThat(options.getProfilers()).hasSize(1);
    assertThat(options.shouldFailOnError().get()).isFalse();
  }

  @Test
  void shouldExitWithUsageErrorNamingTheKnownSetupsForAnUnknownOne() {
    int code =
        DetectorBenchmarks.run(new String[] {"-p", "setup=ewma,nope"}, print(out), print(err));

    assertThat(code).isEqualTo(2);
    assertThat(text(err)).contains("unknown detector nope", "ensemble-range");
    assertThat(text(out)).isEmpty();
  }

  @Test
  void shouldExitWithUsageErrorForAnUnknownOption() {
    int code = DetectorBenchmarks.run(new String[] {"--no-such-option"}, print(out), print(err));

    assertThat(code).isEqualTo(2);
    assertThat(text(err)).startsWith("benchmarks: ").contains("-h lists the options");
  }

  @Test
  void shouldPrintHelpWithItsDefaults() {
    int code = DetectorBenchmarks.run(new String[] {"-h"}, print(out), print(err));

    assertThat(code).isZero();
    // JMH prints its own option list to System.out.
    assertThat(text(out)).contains("every setup", "the gc profiler", "1 fork");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}

package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.LocalStackOptions;
import io.vigil.localstack.junit.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo for a bounded time on the shared real servers (given to it as external endpoints,
 * so this test does not start a second broker) and checks what a user would see.
 */
@WithLocalStack
class DemoIT {
  private final LocalStack stack;

  DemoIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldDetectMostInjectedAnomaliesAndNoneOnCleanSeriesInItsFirstMinuteWithItsDefaults()
      throws Exception {
    // The demo's own defaults, as `vigil demo --duration 60s` runs them (ports: any free one).
    DemoCommand defaults = new DemoCommand();
    new picocli.CommandLine(defaults).parseArgs();
    DemoOptions options =
        new DemoOptions(
            defaults.series,
            defaults.rate,
            Duration.ofSeconds(60),
            defaults.history,
            defaults.historyStep,
            defaults.injections,
            defaults.anomalyRate,
            defaults.anomalyKinds,
            defaults.seasonality,
            defaults.seed,
            0,
            0,
            0,
            LocalStackOptions.builder()
                .externalKafka(stack.kafkaBootstrapServers())
                .externalPostgres(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword())
                .externalRedis(stack.redisUri())
                .build());
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    Demo demo =
        new Demo(
            options, new Console(new PrintStream(output, true, StandardCharsets.UTF_8), false));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      assertThat(runner.submit(demo::run).get(4, TimeUnit.MINUTES)).isZero();
    } finally {
      runner.shutdownNow();
    }
    String shown = output.toString(StandardCharsets.UTF_8);
    assertThat(shown)
        .containsPattern(
            "Vigil demo is running. Open the console first:\\R  Console     http://localhost:\\d+/")
        .contains("API key for \"confirmed\" / \"false positive\" is ")
        .contains("/metrics")
        .contains(stack.jdbcUrl())
        .contains(stack.redisUri())
        .contains("Replaying 2,880 events of history per series")
        .contains("injecting 9 anomalies over their first 45 s")
        .contains("History replayed in")
        .contains("ANOMALY ")
        .containsPattern("events [0-9,]+ \\([0-9,]+/s\\)  anomalies [0-9,]+  processor lag")
        .containsPattern("Done after .*: [0-9,]+ events sent, 9 anomalies injected");
    Matcher summary =
        Pattern.compile(
                "Summary: detected (\\d+) of (\\d+) injected anomalies, (\\d+) alerts on the"
                    + " (\\d+) clean series")
            .matcher(shown);
    assertThat(summary.find()).as(shown).isTrue();
    assertThat(Integer.parseInt(summary.group(2))).isEqualTo(9);
    assertThat(Integer.parseInt(summary.group(1))).as(shown).isGreaterThanOrEqualTo(7);
    assertThat(Integer.parseInt(summary.group(3))).as(shown).isZero();
    assertThat(Integer.parseInt(summary.group(4))).isEqualTo(11);
  }
}

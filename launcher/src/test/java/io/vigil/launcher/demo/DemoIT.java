package io.vigil.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.LocalStackOptions;
import io.vigil.localstack.junit.WithLocalStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  void shouldShowAnomaliesAsTheyAreDetectedAndStopCleanlyWhenAsked() throws Exception {
    DemoOptions options =
        new DemoOptions(
            5,
            200,
            Duration.ZERO,
            0.01,
            "spike",
            Duration.ofMinutes(10),
            7,
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
      Future<Integer> exitCode = runner.submit(demo::run);
      await()
          .atMost(Duration.ofMinutes(3))
          .until(() -> output.toString(StandardCharsets.UTF_8).contains("ANOMALY "));
      demo.stop();

      assertThat(exitCode.get(2, TimeUnit.MINUTES)).isZero();
    } finally {
      runner.shutdownNow();
    }
    String shown = output.toString(StandardCharsets.UTF_8);
    assertThat(shown)
        .contains("Vigil demo is running. Where to look:")
        .contains("/metrics")
        .contains(stack.jdbcUrl())
        .contains(stack.redisUri())
        .contains("ANOMALY ")
        .containsPattern("events [0-9,]+ \\([0-9,]+/s\\)  anomalies [0-9,]+  processor lag")
        .containsPattern("Done after .*: [0-9,]+ events sent, [0-9]+ anomalies injected, [1-9]");
  }
}

package io.vigil.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A smoke run of {@code vigil bench} with tiny sizes: it runs every profile and a latency pass, and
 * reports.
 */
@WithLocalStack
class KafkaBenchIT {

  @Test
  void shouldRunEveryProfileAndPrintTheTableAndWriteJsonAndPlot(LocalStack stack, @TempDir Path dir)
      throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // An existing cluster: the sink profiles find PostgreSQL and Redis in the sink's settings.
    Map<String, String> environment = new java.util.HashMap<>();
    environment.put("VIGIL_SINK_JDBC_URL", stack.jdbcUrl());
    if (stack.jdbcUser() != null) {
      environment.put("VIGIL_SINK_JDBC_USER", stack.jdbcUser());
    }
    if (stack.jdbcPassword() != null) {
      environment.put("VIGIL_SINK_JDBC_PASSWORD", stack.jdbcPassword());
    }
    environment.put("VIGIL_SINK_REDIS_URI", stack.redisUri());
    CommandLine cli = new CommandLine(new BenchCommand(environment));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    Path json = dir.resolve("bench.json");
    Path plot = dir.resolve("bench.png");

    int exit =
        cli.execute(
            "--bootstrap-servers",
            stack.kafkaBootstrapServers(),
            "--events",
            "2000",
            "--keys",
            "100",
            "--partitions",
            "2",
            "--repetitions",
            "1",
            "--warmups",
            "0",
            "--guarantees",
            "alos",
            "--json",
            json.toString(),
            "--plot",
            plot.toString(),
            "--timeout",
            "PT60S",
            "--latency-loads",
            "0.1",
            "--latency-duration",
            "PT2S",
            "--state",
            "--variant",
            "VIGIL_PROCESSOR_COMMIT_INTERVAL=200ms");

    assertThat(exit).as(err.toString()).isZero();
    List<String> table = out.toString().lines().toList();
    assertThat(table.get(0)).contains("profile", "events/s (median)", "× store-only");
    assertThat(out.toString())
        .contains("raw producer", "streams pass-through", "streams store-only", "vigil ewma")
        .contains("(default)");
    // The progress names each repetition as it finishes.
    assertThat(err.toString()).contains("2,000 events", "repetition 1/1");
    JsonNode rows = new ObjectMapper().readTree(Files.readString(json)).get("rows");
    // Each Vigil profile once with the run's settings and once with the variant's.
    assertThat(rows).hasSize(9);
    assertThat(out.toString())
        .contains("sink → PostgreSQL (anomalies)", "sink → Redis (anomalies)");
    // A tenth of the events, at least 1,000 anomalies, each drained by the sink.
    assertThat(rows.get(7).get("events").asLong()).isEqualTo(1000);
    assertThat(rows.get(8).get("median").asDouble()).isPositive();
    assertThat(out.toString()).contains("vigil ewma [VIGIL_PROCESSOR_COMMIT_INTERVAL=200ms]");
    for (JsonNode row : rows) {
      boolean sink = row.get("profile").asText().startsWith("sink-");
      assertThat(row.get("events").asLong()).isEqualTo(sink ? 1000 : 2000);
      assertThat(row.get("median").asDouble()).isPositive();
    }
    assertThat(rows.get(3).get("ratioToStoreOnly").asDouble()).isPositive();
    assertThat(rows.get(4).get("label").asText())
        .endsWith("[VIGIL_PROCESSOR_COMMIT_INTERVAL=200ms]");
    assertThat(Files.size(plot)).isPositive();
    // One latency row per Vigil row: ewma and the default setup, at 10 % of their rate.
    assertThat(out.toString()).contains("p50 ms", "p99 ms", "10 %");
    assertThat(out.toString()).contains("changelog B/key", "restore s");
    JsonNode states = new ObjectMapper().readTree(Files.readString(json)).get("states");
    assertThat(states).hasSize(2);
    for (JsonNode row : states) {
      assertThat(row.get("restoredKeys").asLong()).isEqualTo(100);
      assertThat(row.get("changelogBytesPerKey").asDouble()).isPositive();
      assertThat(row.get("stateDirBytesPerKey").asDouble()).isPositive();
    }
    JsonNode latencies = new ObjectMapper().readTree(Files.readString(json)).get("latencies");
    assertThat(latencies).hasSize(2);
    for (JsonNode row : latencies) {
      assertThat(row.get("samples").asInt()).isPositive();
      assertThat(row.get("p99Millis").asDouble())
          .isGreaterThanOrEqualTo(row.get("p50Millis").asDouble());
    }
  }
}

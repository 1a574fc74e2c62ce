package io.vigil.launcher.demo;

import io.vigil.localstack.LocalStackOptions;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code vigil demo}: the whole pipeline on embedded servers, with live progress. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole pipeline on this machine: an embedded Kafka broker (KRaft), PostgreSQL and",
      "Redis, the stream processor, the results sink and the synthetic generator. Shows a live",
      "status line and every anomaly as it is detected. Ctrl-C stops everything cleanly.",
      "",
      "It first replays a few days of history per series at full speed, then sends live events",
      "and injects anomalies into some series during the first minute. At the end (or on Ctrl-C)",
      "it prints which injected anomalies were detected and how many alerts came on clean series.",
      "",
      "Set VIGIL_STACK_KAFKA_BOOTSTRAP_SERVERS, VIGIL_STACK_JDBC_URL or VIGIL_STACK_REDIS_URI to",
      "use a server of your own instead of the embedded one."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--series", defaultValue = "20", description = "Number of series (default 20).")
  int series;

  @Option(
      names = "--rate",
      defaultValue = "100",
      description = "Events per second over all series (default 100).")
  double rate;

  @Option(
      names = "--duration",
      defaultValue = "0",
      converter = DurationConverter.class,
      description = "Stop after this long, e.g. 60s or 5m (default: run until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--history",
      defaultValue = "2880",
      description =
          "Events of history per series replayed at start, at full speed, before the live events"
              + " (default 2880: four days of event time at --history-step 2m; 0 = none).")
  int history;

  @Option(
      names = "--history-step",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description = "Event time between two history events of a series (default 2m).")
  Duration historyStep;

  @Option(
      names = "--injections",
      defaultValue = "9",
      description =
          "Anomalies injected in the first minute of live events, one each on distinct series"
              + " chosen by the seed, 5 s apart; the other series stay clean (default 9).")
  int injections;

  @Option(
      names = "--anomaly-kinds",
      defaultValue = "spike,level-shift",
      description =
          "Comma list of the kinds injected in turn: spike, level-shift, trend-change,"
              + " variance-change, flatline (default spike,level-shift).")
  String anomalyKinds;

  @Option(
      names = "--anomaly-rate",
      defaultValue = "0",
      description =
          "Probability per event that an extra random anomaly starts, on any series (default 0).")
  double anomalyRate;

  @Option(
      names = "--seasonality",
      defaultValue = "1d",
      converter = DurationConverter.class,
      description = "Period of the series' seasonal cycle (default 1d).")
  Duration seasonality;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default 1).")
  long seed;

  @Option(
      names = "--processor-port",
      defaultValue = "8081",
      description = "Processor's /metrics and /health port (default 8081; 0 = any free port).")
  int processorPort;

  @Option(
      names = "--sink-port",
      defaultValue = "8082",
      description = "Sink's /metrics and /health port (default 8082; 0 = any free port).")
  int sinkPort;

  @Option(
      names = "--generator-port",
      defaultValue = "8080",
      description = "Generator's /metrics and /health port (default 8080; 0 = any free port).")
  int generatorPort;

  @Override
  public Integer call() throws Exception {
    DemoOptions options =
        new DemoOptions(
            series,
            rate,
            duration,
            history,
            historyStep,
            injections,
            anomalyRate,
            anomalyKinds,
            seasonality,
            seed,
            processorPort,
            sinkPort,
            generatorPort,
            LocalStackOptions.fromEnvironment(System.getenv()));
    try {
      Demo.validate(options);
    } catch (io.vigil.runtime.config.ConfigException e) {
      System.err.println("vigil demo: " + String.join("; ", e.problems()));
      return 2;
    } catch (IllegalArgumentException e) {
      System.err.println("vigil demo: " + e.getMessage());
      return 2;
    }
    return new Demo(options, new Console(System.out, System.console() != null)).run();
  }

  /** Accepts {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms} and ISO-8601 ({@code PT5M}). */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return io.vigil.runtime.config.Settings.parseDuration(value);
    }
  }
}

package io.vigil.launcher;

import io.vigil.bench.MarkdownTable;
import io.vigil.launcher.demo.DemoCommand.DurationConverter;
import io.vigil.processor.backtest.Backtest;
import io.vigil.processor.backtest.BacktestReport;
import io.vigil.processor.backtest.Candidate;
import io.vigil.processor.backtest.ConfigRecord;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.serde.JsonSerde;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil backtest}: a range of the events topic scored again, live config vs candidates. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Scores a range of the events topic again with the processor's topology, in a temporary",
      "Kafka Streams application per config (its own group, state and topics, all deleted at",
      "the end; the live application is never touched), and prints per detector-config pattern:",
      "events, anomalies by severity and, where the feedback topic has labels for them,",
      "precision. The live configs always run; each --config adds a column with that file's",
      "configs on top of them. Settings as for vigil processor (VIGIL_PROCESSOR_*, KAFKA_*)."
    })
final class BacktestCommand implements Callable<Integer> {
  /** How long a stopping JVM waits for the run to delete its topics, group and state. */
  private static final Duration CLEAN_UP_ON_EXIT = Duration.ofSeconds(60);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--from",
      defaultValue = "earliest",
      description =
          "Start of the range, inclusive: an ISO-8601 time (record timestamp), an offset (on every"
              + " partition) or earliest. Default: ${DEFAULT-VALUE}.")
  String from;

  @Option(
      names = "--to",
      defaultValue = "latest",
      description =
          "End of the range, exclusive: a time, an offset or latest (the end when the backtest"
              + " starts). Default: ${DEFAULT-VALUE}.")
  String to;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Candidate detector configs, one JSON per line as on the detector-config topic; they"
              + " replace the live config of their pattern or add one. Repeatable: one column each,"
              + " named after the file.")
  List<Path> configs = new ArrayList<>();

  @Option(
      names = "--keys",
      paramLabel = "PATTERN",
      description = "Report only keys matching this glob (e.g. 'host-*/cpu').")
  String keys;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Also write each config's anomalies to DIR/<config>-anomalies.ndjson.")
  Path output;

  @Option(
      names = "--timeout",
      converter = DurationConverter.class,
      defaultValue = "1h",
      description = "Give up when one config's run takes longer. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", description = "Prefix of the topic names (VIGIL_TOPIC_PREFIX).")
  String topicPrefix;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Backtest backtest;
    try {
      ProcessorConfig live =
          ProcessorConfig.from(
              Settings.load(
                  new SettingOverrides(System.getenv())
                      .with("kafka.bootstrap.servers", bootstrapServers)
                      .with("vigil.topic.prefix", topicPrefix)
                      .env()));
      List<Candidate> columns = new ArrayList<>(List.of(Candidate.live()));
      for (Path file : configs) {
        columns.add(new Candidate(name(file), ConfigRecord.readFile(file)));
      }
      backtest =
          new Backtest(
              live,
              Backtest.bound(from),
              Backtest.bound(to),
              columns,
              Optional.ofNullable(keys).map(KeyPattern::of),
              timeout);
    } catch (ConfigException e) {
      err.println("vigil backtest: " + String.join("; ", e.problems()));
      return 2;
    } catch (IllegalArgumentException | IOException e) {
      err.println("vigil backtest: " + e.getMessage());
      return 2;
    }
    // Ctrl-C or a SIGTERM: interrupt the run and let it delete what it created before the JVM ends.
    Thread runner = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              runner.interrupt();
              try {
                finished.await(CLEAN_UP_ON_EXIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "vigil-backtest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      BacktestReport report = backtest.run(Clock.systemUTC());
      print(report, out);
      if (output != null) {
        write(report, output, out);
      }
      out.flush();
      return 0;
    } catch (IOException | ExecutionException | RuntimeException e) {
      err.println("vigil backtest: failed: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("vigil backtest: interrupted");
      return 1;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running and returns now.
      }
    }
  }

  private static String name(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static void print(BacktestReport report, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "backtest of %s, %,d events: %s%n",
        report.range().topic(),
        report.range().size(),
        report.range().describe());
    out.printf(Locale.ROOT, "feedback: %,d anomalies labelled%n%n", report.labels().size());
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("pattern", "config", "events", "anomalies"));
    for (Severity s : Severity.values()) {
      header.add(s.wireName());
    }
    header.addAll(List.of("labelled", "precision"));
    rows.add(header);
    for (BacktestReport.Row row : report.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.pattern());
      cells.add(row.config());
      cells.add(String.format(Locale.ROOT, "%,d", row.events()));
      cells.add(String.format(Locale.ROOT, "%,d", row.anomalyCount()));
      for (Severity s : Severity.values()) {
        cells.add(String.format(Locale.ROOT, "%,d", row.anomalies().getOrDefault(s, 0L)));
      }
      cells.add(String.format(Locale.ROOT, "%,d", row.labelled()));
      cells.add(
          row.precision()
              .map(
                  p ->
                      String.format(
                          Locale.ROOT, "%.2f (%d/%d)", p, row.confirmed(), row.labelled()))
              .orElse("-"));
      rows.add(cells);
    }
    out.print(MarkdownTable.render(rows, 2));
    out.println();
    for (BacktestReport.Run run : report.runs()) {
      out.printf(
          Locale.ROOT,
          "%s: %,d anomalies, ran in %.1f s%n",
          run.config(),
          run.anomalies().size(),
          run.took().toMillis() / 1000.0);
    }
  }

  private static void write(BacktestReport report, Path dir, PrintWriter out) throws IOException {
    Files.createDirectories(dir);
    JsonSerde<Anomaly> json = JsonSerde.of(Anomaly.class);
    for (BacktestReport.Run run : report.runs()) {
      Path file = dir.resolve(run.config() + "-anomalies.ndjson");
      List<String> lines = new ArrayList<>();
      for (Anomaly anomaly : run.anomalies()) {
        lines.add(new String(json.serializer().serialize(null, anomaly), StandardCharsets.UTF_8));
      }
      Files.write(file, lines, StandardCharsets.UTF_8);
      out.println("anomalies of " + run.config() + ": " + file);
    }
  }
}

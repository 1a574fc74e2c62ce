package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import io.vigil.runtime.config.ConfigException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench}: the processor's throughput against same-run Kafka Streams anchors. Lives
 * with the harness; the launcher registers it as a subcommand.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures events/s, in one run: a raw producer, a Kafka Streams pass-through, a Kafka",
      "Streams store-only topology (RocksDB get+put per event) with Vigil's own Streams settings,",
      "and Vigil's processor with ewma and with the default setup, at each guarantee and key",
      "count. The events are written once per key count; each Streams repetition has a fresh",
      "application id and is timed from RUNNING to the last output visible to a read_committed",
      "consumer. Prints medians of the timed repetitions and every Vigil figure's ratio to the",
      "store-only anchor. Embedded broker unless --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS)",
      "is set; KAFKA_* and VIGIL_PROCESSOR_* apply to every Streams profile alike."
    })
public final class BenchCommand implements Callable<Integer> {
  private final Map<String, String> environment;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--events",
      description = "Events per repetition. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + BenchOptions.DEFAULT_EVENTS)
  long events;

  @Option(
      names = "--keys",
      split = ",",
      description = "Key counts, e.g. 10000,100000 (one pass each). Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + BenchOptions.DEFAULT_KEYS)
  List<Integer> keys;

  @Option(
      names = "--partitions",
      description = "Partitions of the events and output topics. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + BenchOptions.DEFAULT_PARTITIONS)
  int partitions;

  @Option(
      names = "--repetitions",
      description = "Timed repetitions per row. Default: ${DEFAULT-VALUE}.",
      defaultValue = "3")
  int repetitions;

  @Option(
      names = "--warmups",
      description = "Untimed repetitions before them. Default: ${DEFAULT-VALUE}.",
      defaultValue = "1")
  int warmups;

  @Option(
      names = "--guarantees",
      split = ",",
      description = "eos (exactly_once_v2), alos (at_least_once). Default: ${DEFAULT-VALUE}.",
      defaultValue = "eos,alos")
  List<String> guarantees;

  @Option(
      names = "--profiles",
      split = ",",
      description =
          "Any of producer, pass-through, store-only, vigil-ewma, vigil-default, sink-postgres,"
              + " sink-redis. Default: all (on an existing cluster, the sink profiles only when"
              + " VIGIL_SINK_JDBC_URL / VIGIL_SINK_REDIS_URI say where their databases are).")
  List<String> profiles;

  @Option(
      names = "--bootstrap-servers",
      description = "An existing Kafka cluster instead of an embedded broker.")
  String bootstrapServers;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(names = "--plot", paramLabel = "FILE", description = "Also draw them into a PNG.")
  Path plot;

  @Option(
      names = "--timeout",
      description = "The longest one repetition may take. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT10M")
  Duration timeout;

  @Option(
      names = "--latency-loads",
      split = ",",
      description =
          "Also measure end-to-end latency (send → score visible, read_committed) of every Vigil"
              + " row at these fractions of its measured events/s, e.g. 0.25,0.5,0.8. Default:"
              + " none.")
  List<Double> latencyLoads = List.of();

  @Option(
      names = "--latency-duration",
      description = "How long events are sent at each latency load. Default: ${DEFAULT-VALUE}.",
      defaultValue = "PT20S")
  Duration latencyDuration;

  @Option(
      names = "--state",
      description =
          "Also measure each Vigil row's state: state directory and compacted changelog bytes per"
              + " key, and the time to restore it all into a new instance with no local state.")
  boolean measureState;

  @Option(
      names = "--variant",
      paramLabel = "NAME=VALUE[;NAME=VALUE…]",
      description =
          "Also run the Vigil profiles with these VIGIL_*/KAFKA_* settings changed (repeatable;"
              + " a sweep), e.g. --variant VIGIL_PROCESSOR_COMMIT_INTERVAL=5s.")
  List<String> variants = List.of();

  public BenchCommand() {
    this(System.getenv());
  }

  /** With an explicit environment (the {@code KAFKA_*} and {@code VIGIL_*} settings). */
  public BenchCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BenchOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException e) {
      err.println("vigil bench: " + e.getMessage());
      err.flush();
      return 2;
    }
    try {
      BenchResult result = new KafkaBench(options, Clock.systemUTC(), err).run();
      out.print(BenchReport.table(result));
      out.print(BenchReport.latencyTable(result));
      out.print(BenchReport.stateTable(result));
      if (json != null) {
        BenchReport.writeJson(result, json);
        out.println("JSON: " + json);
      }
      if (plot != null) {
        BenchPlot.write(result, plot);
        out.println("plot: " + plot);
      }
      out.flush();
      return 0;
    } catch (ConfigException e) {
      err.println("vigil bench: " + String.join("; ", e.problems()));
      err.flush();
      return 2;
    } catch (IllegalStateException | UncheckedIOException e) {
      err.println("vigil bench: the run failed: " + e.getMessage());
      err.flush();
      return 1;
    }
  }

  /** Whether a sink profile's database is in the settings (any other profile: true). */
  private boolean sinkStoresKnown(Profile profile) {
    return switch (profile) {
      case SINK_POSTGRES -> environment.containsKey("VIGIL_SINK_JDBC_URL");
      case SINK_REDIS -> environment.containsKey("VIGIL_SINK_REDIS_URI");
      default -> true;
    };
  }

  BenchOptions options() {
    List<ProcessingGuarantee> parsedGuarantees =
        guarantees.stream().map(Guarantees::parse).distinct().toList();
    Optional<String> cluster =
        Optional.ofNullable(bootstrapServers)
            .or(() -> Optional.ofNullable(environment.get("KAFKA_BOOTSTRAP_SERVERS")))
            .filter(s -> !s.isBlank());
    List<Profile> parsedProfiles =
        profiles == null
            ? Arrays.stream(Profile.values())
                .filter(p -> cluster.isEmpty() || sinkStoresKnown(p))
                .toList()
            : profiles.stream().map(Profile::byName).distinct().toList();
    return new BenchOptions(
        events,
        keys,
        partitions,
        repetitions,
        warmups,
        parsedGuarantees,
        parsedProfiles,
        cluster,
        environment,
        timeout,
        latencyLoads,
        latencyDuration,
        measureState,
        variants.stream().map(Variant::parse).toList());
  }
}

package io.vigil.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.processor.config.ProcessingGuarantee;
import io.vigil.processor.config.ProcessorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void shouldDefaultToEveryProfileBothGuarantees10kKeysAndAnEmbeddedBroker() {
    BenchCommand command = new BenchCommand(Map.of());
    new CommandLine(command).parseArgs();

    BenchOptions options = command.options();

    assertThat(options.profiles()).containsExactly(Profile.values());
    assertThat(options.guarantees())
        .containsExactly(ProcessingGuarantee.EXACTLY_ONCE_V2, ProcessingGuarantee.AT_LEAST_ONCE);
    assertThat(options.keys()).containsExactly(10_000);
    assertThat(options.events()).isEqualTo(BenchOptions.DEFAULT_EVENTS);
    assertThat(options.partitions()).isEqualTo(4);
    assertThat(options.repetitions()).isEqualTo(3);
    assertThat(options.warmups()).isEqualTo(1);
    assertThat(options.bootstrapServers()).isEmpty();
  }

  @Test
  void shouldReadKeyCountsGuaranteesAndProfilesAsLists() {
    BenchCommand command = new BenchCommand(Map.of());
    new CommandLine(command)
        .parseArgs(
            "--keys", "10000,100000",
            "--guarantees", "ALOS",
            "--profiles", "store-only,vigil-default",
            "--bootstrap-servers", "kafka:9092");

    BenchOptions options = command.options();

    assertThat(options.keys()).containsExactly(10_000, 100_000);
    assertThat(options.guarantees()).containsExactly(ProcessingGuarantee.AT_LEAST_ONCE);
    assertThat(options.profiles()).containsExactly(Profile.STORE_ONLY, Profile.VIGIL_DEFAULT);
    assertThat(options.bootstrapServers()).hasValue("kafka:9092");
  }

  @Test
  void shouldTakeTheClusterFromKafkaBootstrapServersWhenNoOptionIsGiven() {
    BenchCommand command = new BenchCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"));
    new CommandLine(command).parseArgs();

    assertThat(command.options().bootstrapServers()).hasValue("broker:9092");
    // Nothing says where the sink's databases are: the default profiles leave the sink out.
    assertThat(command.options().profiles())
        .doesNotContain(Profile.SINK_POSTGRES, Profile.SINK_REDIS);
  }

  @Test
  void shouldNameTheDefaultSetupInTheVigilDefaultProfile() {
    assertThat(Profile.VIGIL_DEFAULT.setup()).hasValue(ProcessorConfig.DEFAULT_DETECTOR);
    assertThat(Profile.VIGIL_DEFAULT.label())
        .isEqualTo("vigil " + ProcessorConfig.DEFAULT_DETECTOR.configName() + " (default)");
  }

  @Test
  void shouldRejectAnUnknownProfileWithExitCodeTwoBeforeStartingAnything() {
    assertThat(execute("--profiles", "store-only,turbo")).isEqualTo(2);

    assertThat(err.toString())
        .contains("vigil bench: unknown profile 'turbo'", "vigil-ewma", "vigil-default");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void shouldRejectAnUnknownGuaranteeWithExitCodeTwo() {
    assertThat(execute("--guarantees", "eos,maybe")).isEqualTo(2);

    assertThat(err.toString()).contains("unknown guarantee 'maybe'", "eos", "alos");
  }

  @Test
  void shouldRejectMoreKeysThanEventsWithExitCodeTwo() {
    assertThat(execute("--events", "100", "--keys", "1000")).isEqualTo(2);

    assertThat(err.toString()).contains("--keys must be between 1 and --events, was 1000");
  }

  @Test
  void shouldRejectZeroRepetitionsWithExitCodeTwo() {
    assertThat(execute("--repetitions", "0")).isEqualTo(2);

    assertThat(err.toString()).contains("--repetitions must be at least 1");
  }

  @Test
  void shouldReadVariantsLatencyLoadsAndTheStatePass() {
    BenchCommand command = new BenchCommand(Map.of());
    CommandLine cli = new CommandLine(command);
    cli.parseArgs(
        "--variant",
        "VIGIL_PROCESSOR_COMMIT_INTERVAL=5s",
        "--variant",
        "KAFKA_PRODUCER_LINGER_MS=20;KAFKA_PRODUCER_COMPRESSION_TYPE=lz4",
        "--latency-loads",
        "0.25,0.5",
        "--state");

    BenchOptions options = command.options();

    assertThat(options.variants())
        .extracting(Variant::environment)
        .containsExactly(
            Map.of("VIGIL_PROCESSOR_COMMIT_INTERVAL", "5s"),
            Map.of("KAFKA_PRODUCER_LINGER_MS", "20", "KAFKA_PRODUCER_COMPRESSION_TYPE", "lz4"));
    assertThat(options.latencyLoads()).containsExactly(0.25, 0.5);
    assertThat(options.measureState()).isTrue();
  }

  @Test
  void shouldRejectAVariantThatIsNoSettingAndALoadAboveOneWithExitCodeTwo() {
    assertThat(execute("--variant", "linger=20")).isEqualTo(2);
    assertThat(err.toString()).contains("--variant takes VIGIL_*=value or KAFKA_*=value");

    assertThat(execute("--latency-loads", "1.5")).isEqualTo(2);
    assertThat(err.toString()).contains("--latency-loads must be in (0, 1], was 1.5");
  }

  @Test
  void shouldRequireTheSinksDatabasesForTheSinkProfilesOnAnExistingCluster() {
    assertThat(execute("--bootstrap-servers", "kafka:9092", "--profiles", "sink-redis"))
        .isEqualTo(2);

    assertThat(err.toString())
        .contains("sink-redis on an existing cluster needs VIGIL_SINK_REDIS_URI");
  }

  private int execute(String... args) {
    CommandLine cli = new CommandLine(new BenchCommand(Map.of()));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void shouldListEveryProfileByItsCommandLineName() {
    assertThat(List.of(Profile.values()))
        .extracting(Profile::cliName)
        .containsExactly(
            "producer",
            "pass-through",
            "store-only",
            "vigil-ewma",
            "vigil-default",
            "sink-postgres",
            "sink-redis");
  }
}

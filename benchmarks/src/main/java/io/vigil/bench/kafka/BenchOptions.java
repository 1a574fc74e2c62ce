package io.vigil.bench.kafka;

import io.vigil.processor.config.ProcessingGuarantee;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code vigil bench} run.
 *
 * @param events events per repetition (and in the events topic of each key count)
 * @param keys the key counts, each run in turn
 * @param partitions partitions of every topic the run creates
 * @param repetitions timed repetitions per row
 * @param warmups untimed repetitions before them
 * @param guarantees the processing guarantees of the Streams profiles
 * @param profiles what to measure, in this order
 * @param bootstrapServers an existing cluster; empty = an embedded broker for the run
 * @param environment {@code KAFKA_*} (client properties) and {@code VIGIL_*} (processor settings,
 *     e.g. {@code VIGIL_PROCESSOR_COMMIT_INTERVAL}) applied to every profile alike
 * @param timeout the longest a repetition may take
 * @param latencyLoads fractions of each Vigil row's median events/s at which to measure end-to-end
 *     latency (empty: no latency pass)
 * @param latencyDuration how long events are sent at each of those rates
 * @param measureState whether to measure each Vigil row's state size and restore time
 * @param variants settings to measure the Vigil rows with too, one variant at a time
 */
public record BenchOptions(
    long events,
    List<Integer> keys,
    int partitions,
    int repetitions,
    int warmups,
    List<ProcessingGuarantee> guarantees,
    List<Profile> profiles,
    Optional<String> bootstrapServers,
    Map<String, String> environment,
    Duration timeout,
    List<Double> latencyLoads,
    Duration latencyDuration,
    boolean measureState,
    List<Variant> variants) {

  public static final long DEFAULT_EVENTS = 500_000;
  public static final int DEFAULT_KEYS = 10_000;
  public static final int DEFAULT_PARTITIONS = 4;
  public static final Duration DEFAULT_LATENCY_DURATION = Duration.ofSeconds(20);

  public BenchOptions {
    keys = List.copyOf(keys);
    guarantees = List.copyOf(guarantees);
    profiles = List.copyOf(profiles);
    environment = Map.copyOf(environment);
    latencyLoads = List.copyOf(latencyLoads);
    variants = List.copyOf(variants);
    Objects.requireNonNull(latencyDuration, "latencyDuration");
    for (double load : latencyLoads) {
      require(load > 0 && load <= 1, "--latency-loads must be in (0, 1], was " + load);
    }
    require(
        !latencyDuration.isNegative() && latencyDuration.toMillis() >= 1000,
        "--latency-duration must be at least 1 s, was " + latencyDuration);
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(timeout, "timeout");
    require(events >= 1, "--events must be at least 1, was " + events);
    require(!keys.isEmpty(), "--keys needs at least one key count");
    for (int k : keys) {
      require(k >= 1 && k <= events, "--keys must be between 1 and --events, was " + k);
    }
    require(
        partitions >= 1 && partitions <= 1000, "--partitions must be 1..1000, was " + partitions);
    require(repetitions >= 1, "--repetitions must be at least 1, was " + repetitions);
    require(warmups >= 0, "--warmups must not be negative, was " + warmups);
    require(!guarantees.isEmpty(), "--guarantees needs at least one guarantee");
    require(!profiles.isEmpty(), "--profiles needs at least one profile");
    require(!timeout.isNegative() && !timeout.isZero(), "--timeout must be positive");
    if (bootstrapServers.isPresent()) {
      require(
          !profiles.contains(Profile.SINK_POSTGRES)
              || environment.containsKey("VIGIL_SINK_JDBC_URL"),
          "sink-postgres on an existing cluster needs VIGIL_SINK_JDBC_URL (and _USER, _PASSWORD)");
      require(
          !profiles.contains(Profile.SINK_REDIS) || environment.containsKey("VIGIL_SINK_REDIS_URI"),
          "sink-redis on an existing cluster needs VIGIL_SINK_REDIS_URI");
    }
  }

  /** The defaults: every profile, EOS and ALOS, 10k keys, no cluster (embedded). */
  public static BenchOptions defaults() {
    return new BenchOptions(
        DEFAULT_EVENTS,
        List.of(DEFAULT_KEYS),
        DEFAULT_PARTITIONS,
        3,
        1,
        List.of(ProcessingGuarantee.EXACTLY_ONCE_V2, ProcessingGuarantee.AT_LEAST_ONCE),
        List.of(Profile.values()),
        Optional.empty(),
        Map.of(),
        Duration.ofMinutes(10),
        List.of(),
        DEFAULT_LATENCY_DURATION,
        false,
        List.of());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}

package io.vigil.bench.kafka;

import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.processor.config.ProcessorConfig;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one row of {@code vigil bench} measures. */
public enum Profile {
  /** A Kafka producer writing the events into a fresh topic: the ceiling of the input side. */
  PRODUCER("producer", null),
  /** Kafka Streams reading the events topic and writing every record unchanged. */
  PASS_THROUGH("pass-through", null),
  /** Kafka Streams with a RocksDB get and put per event on a changelogged store: the anchor. */
  STORE_ONLY("store-only", null),
  /** Vigil's processor with the cheapest setup. */
  VIGIL_EWMA("vigil-ewma", DetectorCatalog.EWMA),
  /** Vigil's processor with the default setup. */
  VIGIL_DEFAULT("vigil-default", ProcessorConfig.DEFAULT_DETECTOR),
  /** The results sink draining the anomalies topic into PostgreSQL (its only target). */
  SINK_POSTGRES("sink-postgres", null),
  /** The results sink draining the anomalies topic into Redis (its only target). */
  SINK_REDIS("sink-redis", null);

  private final String cliName;
  private final DetectorCatalog setup;

  Profile(String cliName, DetectorCatalog setup) {
    this.cliName = cliName;
    this.setup = setup;
  }

  /** The name on the command line and in the JSON, e.g. {@code store-only}. */
  public String cliName() {
    return cliName;
  }

  /** The name in the table and plot; a Vigil profile names its setup, e.g. {@code vigil ewma}. */
  public String label() {
    return switch (this) {
      case PRODUCER -> "raw producer";
      case PASS_THROUGH -> "streams pass-through";
      case STORE_ONLY -> "streams store-only";
      case VIGIL_EWMA -> "vigil " + setup.configName();
      case VIGIL_DEFAULT -> "vigil " + setup.configName() + " (default)";
      case SINK_POSTGRES -> "sink → PostgreSQL (anomalies)";
      case SINK_REDIS -> "sink → Redis (anomalies)";
    };
  }

  /** The detector setup of a Vigil profile. */
  public Optional<DetectorCatalog> setup() {
    return Optional.ofNullable(setup);
  }

  public boolean vigil() {
    return setup != null;
  }

  /** True for every profile that runs Kafka Streams (all but the raw producer and the sink). */
  public boolean streams() {
    return this != PRODUCER && !sink();
  }

  /** True for the results sink's profiles, which need PostgreSQL and Redis. */
  public boolean sink() {
    return this == SINK_POSTGRES || this == SINK_REDIS;
  }

  /**
   * @throws IllegalArgumentException naming the known profiles
   */
  public static Profile byName(String name) {
    return Arrays.stream(values())
        .filter(p -> p.cliName.equals(name.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("unknown profile '" + name + "', known: " + names()));
  }

  public static String names() {
    return Arrays.stream(values()).map(Profile::cliName).collect(Collectors.joining(", "));
  }
}

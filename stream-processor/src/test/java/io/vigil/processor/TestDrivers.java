package io.vigil.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.model.ModelCodec;
import io.vigil.processor.model.ModelRecord;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.processor.topology.Placement;
import io.vigil.processor.topology.VigilTopology;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.event.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** TopologyTestDrivers of the processor's whole topology, and access to their model store. */
public final class TestDrivers {
  private TestDrivers() {}

  /**
   * The topology as {@link ProcessorMain} builds it from {@code settings} (processor keys in file
   * form; the Kafka address, application id and state directory are filled in).
   *
   * @param wallClockStart the driver's initial wall-clock time
   */
  public static TopologyTestDriver create(
      Path stateDir,
      Clock clock,
      Instant wallClockStart,
      MeterRegistry meters,
      Map<String, String> settings) {
    return create(stateDir, clock, wallClockStart, meters, settings, 1);
  }

  /**
   * The same with a topology built for {@code partitions} events partitions. The driver reads every
   * input from partition 0, so with more than one partition the keys that partition 0 does not own
   * take the repartition hop.
   */
  public static TopologyTestDriver create(
      Path stateDir,
      Clock clock,
      Instant wallClockStart,
      MeterRegistry meters,
      Map<String, String> settings,
      int partitions) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("kafka.bootstrap.servers", "unused:9092");
    all.put("vigil.processor.application.id", "vigil-test");
    all.put("vigil.processor.state.dir", stateDir.toString());
    ProcessorConfig config = ProcessorConfig.from(Settings.of(all));
    ProcessorMetrics metrics = new ProcessorMetrics(meters);
    return new TopologyTestDriver(
        VigilTopology.build(config, clock, metrics, new Placement(partitions)),
        StreamsProperties.of(config, metrics.errors()),
        wallClockStart);
  }

  /**
   * The detector settings of a processor with the EWMA default setup, with these detector configs
   * (JSON, as on the topic) applied.
   */
  public static KeySettingsRegistry detectorSettings(String... configs) {
    KeySettingsRegistry settings =
        VigilTopology.detectorSettings(
            ProcessorConfig.from(
                Settings.of(
                    Map.of(
                        "kafka.bootstrap.servers", "unused:9092",
                        "vigil.processor.detector", "ewma"))));
    DetectorConfigParser parser = new DetectorConfigParser();
    for (String json : configs) {
      settings.apply(
          ((ParseResult.Accepted<DetectorConfig>)
                  parser.parse(json.getBytes(StandardCharsets.UTF_8)))
              .value());
    }
    return settings;
  }

  /** The committed model store (its byte view). */
  public static KeyValueStore<String, byte[]> models(TopologyTestDriver driver) {
    return driver.getKeyValueStore(ScoringProcessor.MODEL_STORE);
  }

  /** The committed model record of {@code key}, or null. */
  public static ModelRecord record(TopologyTestDriver driver, String key) {
    byte[] bytes = models(driver).get(key);
    return bytes == null ? null : codec().decode(bytes);
  }

  /** The codec the processor stores models with. */
  public static ModelCodec codec() {
    return new ModelCodec(new DetectorFactory(EwmaParameters.defaults()));
  }
}

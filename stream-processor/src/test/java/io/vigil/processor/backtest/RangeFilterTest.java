package io.vigil.processor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.processor.TestEvents;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.topology.Placement;
import io.vigil.processor.topology.Sources;
import io.vigil.processor.topology.VigilTopology;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.score.ScoreSerde;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live topology with a backtest's range in front of its parser. */
class RangeFilterTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir Path stateDir;

  @Test
  void shouldScoreOnlyTheEventsInsideTheRangeOfTheirPartition() {
    ProcessorConfig config =
        ProcessorConfig.from(
                Settings.of(
                    Map.of(
                        "kafka.bootstrap.servers", "unused:9092",
                        "vigil.processor.detector", "ewma",
                        "vigil.processor.state.dir", stateDir.toString())))
            .temporary("bt-test", "bt-test-", stateDir, true);
    EventRange range = new EventRange("events", Map.of(0, new PartitionRange(0, 2, 5)));
    ProcessorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            VigilTopology.build(
                config,
                Clock.fixed(T, ZoneOffset.UTC),
                metrics,
                VigilTopology.detectorSettings(config),
                new Placement(1),
                new Sources(
                    "events", "detector-config", Optional.of(() -> new RangeFilter(range)))),
            StreamsProperties.of(config, metrics.errors()))) {
      TestInputTopic<String, byte[]> events =
          driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
      for (int i = 0; i < 8; i++) {
        events.pipeInput("k", TestEvents.json("k", T.minusSeconds(60 - i), 50.0, "e-" + i));
      }

      var scores =
          driver.createOutputTopic(
              "bt-test-scores", new StringDeserializer(), new ScoreSerde().deserializer());
      assertThat(scores.readValuesToList())
          .extracting(s -> s.source().offset())
          .containsExactly(2L, 3L, 4L);
    }
  }
}

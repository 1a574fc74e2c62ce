package io.vigil.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.SeverityBands;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.topology.VigilTopology;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.event.ParseResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeySettingsRegistryTest {
  private static final String WITHOUT_BANDS =
      "{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.99999,\"warmup\":50,"
          + "\"suppression\":\"PT6H\",\"version\":1}";

  @Test
  void shouldGiveAConfigWithoutBandsTheProcessorDefaultBands() {
    KeySettingsRegistry settings = settings(Map.of());

    settings.apply(config("*", WITHOUT_BANDS));

    SeverityBands bands = bandsOf(settings, "any/key");
    assertThat(bands).isEqualTo(SeverityBands.defaults());
    assertThat(bands.levelOf(0.99999)).as("an anomaly at the threshold").isEqualTo(AlertLevel.LOW);
  }

  @Test
  void shouldGiveAConfigWithoutBandsTheBandsTheProcessorIsConfiguredWith() {
    KeySettingsRegistry settings =
        settings(
            Map.of(
                "vigil.processor.severity.medium", "0.9999",
                "vigil.processor.severity.high", "0.99999",
                "vigil.processor.severity.critical", "0.999999"));

    settings.apply(config("*", WITHOUT_BANDS));

    assertThat(bandsOf(settings, "any/key"))
        .isEqualTo(new SeverityBands(0.9999, 0.99999, 0.999999));
    assertThat(bandsOf(settings, "any/key"))
        .as("the same bands as a key no config matches")
        .isEqualTo(settings.resolve("unmatched").scorer().policy().alerts().bands());
  }

  @Test
  void shouldScoreWithTheBandsAConfigGivesIgnoringAnOldLowBound() {
    KeySettingsRegistry settings = settings(Map.of());

    settings.apply(
        config(
            "host-*",
            WITHOUT_BANDS
                .replace("\"*\"", "\"host-*\"")
                .replace(
                    ",\"version\"",
                    ",\"severity\":{\"low\":0.5,\"medium\":0.9999,\"high\":0.99999,"
                        + "\"critical\":0.999999},\"version\"")));

    assertThat(bandsOf(settings, "host-1")).isEqualTo(new SeverityBands(0.9999, 0.99999, 0.999999));
    assertThat(bandsOf(settings, "db-1")).isEqualTo(SeverityBands.defaults());
  }

  @Test
  void shouldGiveAConfigTheEscalationTheProcessorIsConfiguredWith() {
    KeySettingsRegistry settings = settings(Map.of("vigil.processor.escalation", "4"));

    settings.apply(config("*", WITHOUT_BANDS));

    assertThat(settings.resolve("any/key").scorer().policy().escalation()).isEqualTo(4.0);
  }

  private static KeySettingsRegistry settings(Map<String, String> processorSettings) {
    Map<String, String> all = new HashMap<>(processorSettings);
    all.put("kafka.bootstrap.servers", "unused:9092");
    all.put("vigil.processor.detector", "ewma");
    return VigilTopology.detectorSettings(ProcessorConfig.from(Settings.of(all)));
  }

  private static DetectorConfig config(String key, String json) {
    ParseResult<DetectorConfig> parsed =
        new DetectorConfigParser().parse(key, json.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted<DetectorConfig>) parsed).value();
  }

  private static SeverityBands bandsOf(KeySettingsRegistry settings, String key) {
    return settings.resolve(key).scorer().policy().alerts().bands();
  }
}

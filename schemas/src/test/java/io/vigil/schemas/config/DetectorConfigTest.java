package io.vigil.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.validation.InvalidFieldException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {
  private static final byte[] CONFIG =
      "{\"pattern\":\"host-*\",\"detector\":\"ewma\",\"threshold\":0.9,\"warmup\":5,\"suppression\":\"PT1M\",\"version\":2}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldLeaveTheBandsToTheProcessorWhenAConfigHasNone() {
    DetectorConfig config = new DetectorConfig("*", "ewma", 0.9, 0, Duration.ZERO, null, null, 0);

    assertThat(config.severity()).isNull();
    assertThat(config.bands()).isEmpty();
    assertThat(config.parameters()).isEmpty();
    assertThat(config.keyPattern()).isEqualTo(KeyPattern.ANY);
  }

  @Test
  void shouldReadAConfigWithoutSeverityAsOneWithoutBands() {
    var accepted = (ParseResult.Accepted<DetectorConfig>) new DetectorConfigParser().parse(CONFIG);

    assertThat(accepted.value().bands()).isEmpty();
  }

  @Test
  void shouldReadTheBandsOfAFourBandConfigIgnoringLow() {
    byte[] fourBands =
        "{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.9,\"warmup\":5,\"suppression\":\"PT1M\",\"severity\":{\"low\":0.5,\"medium\":0.99,\"high\":0.999,\"critical\":0.9999},\"version\":2}"
            .getBytes(StandardCharsets.UTF_8);

    var accepted =
        (ParseResult.Accepted<DetectorConfig>) new DetectorConfigParser().parse(fourBands);

    assertThat(accepted.value().bands()).contains(new SeverityBands(0.99, 0.999, 0.9999));
  }

  @Test
  void shouldAcceptEqualBandsAsTheProcessorSettingsDo() {
    assertThat(new SeverityBands(0.999, 0.999, 0.999).high()).isEqualTo(0.999);
  }

  @Test
  void shouldRefuseDecreasingBandsNamingTheBand() {
    assertThatThrownBy(() -> new SeverityBands(0.9, 0.85, 0.99))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("/severity/high: must be at least medium (0.9), was 0.85");
    assertThatThrownBy(() -> new SeverityBands(0.9, 0.99, 0.95))
        .hasMessage("/severity/critical: must be at least high (0.99), was 0.95");
  }

  @Test
  void shouldRefuseABandOutsideTheScoreRange() {
    assertThatThrownBy(() -> new SeverityBands(0.0, 0.9, 0.99))
        .hasMessage("/severity/medium: must be in (0,1], was 0.0");
    assertThatThrownBy(() -> new SeverityBands(0.9, 0.99, 1.5))
        .hasMessage("/severity/critical: must be in (0,1], was 1.5");
  }

  @Test
  void shouldRefuseNonFiniteParameters() {
    assertThatThrownBy(
            () ->
                new DetectorConfig(
                    "*",
                    "ewma",
                    0.9,
                    0,
                    Duration.ZERO,
                    java.util.Map.of("alpha", Double.NaN),
                    null,
                    0))
        .hasMessage("/parameters/alpha: must be a finite number");
  }

  @Test
  void shouldAcceptARecordWhoseKeyIsItsPattern() {
    ParseResult<DetectorConfig> result = new DetectorConfigParser().parse("host-*", CONFIG);

    assertThat(result).isInstanceOf(ParseResult.Accepted.class);
  }

  @Test
  void shouldRejectARecordWhoseKeyIsNotItsPattern() {
    ParseResult<DetectorConfig> result = new DetectorConfigParser().parse("web-*", CONFIG);

    assertThat(((ParseResult.Rejected<DetectorConfig>) result).rejection().reason())
        .isEqualTo("/pattern: must equal the record key 'web-*', was 'host-*'");
  }

  @Test
  void shouldReadRulesWithFeatureOverrides() throws Exception {
    byte[] json =
        ("{\"pattern\":\"*\",\"detector\":\"ewma\",\"threshold\":0.9,\"warmup\":5,"
                + "\"suppression\":\"PT1M\",\"version\":2,\"rules\":{\"direction\":\"up\","
                + "\"margin\":{\"relative\":0.1},\"outOfRange\":\"dead_letter\","
                + "\"minSeverity\":\"high\",\"features\":{\"cpu\":{\"range\":{\"min\":0}}}}}")
            .getBytes(StandardCharsets.UTF_8);

    var rules =
        ((ParseResult.Accepted<DetectorConfig>) new DetectorConfigParser().parse(json))
            .value()
            .alertRules()
            .orElseThrow();

    assertThat(rules.direction()).isEqualTo(AlertRules.Direction.UP);
    assertThat(rules.margin()).isEqualTo(new AlertRules.Margin(null, 0.1));
    assertThat(rules.outOfRange()).isEqualTo(AlertRules.OutOfRange.DEAD_LETTER);
    assertThat(rules.minSeverity()).isEqualTo(io.vigil.schemas.anomaly.Severity.HIGH);
    assertThat(rules.features())
        .containsEntry(
            "cpu", new AlertRules.FeatureRules(null, null, new AlertRules.ValueRange(0.0, null)));
  }
}

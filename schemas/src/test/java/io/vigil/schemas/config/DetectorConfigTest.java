package io.vigil.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.anomaly.Severity;
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
  void shouldMapScoresToSeverityByBand() {
    SeverityBands bands = new SeverityBands(0.5, 0.8, 0.95, 0.99);

    assertThat(bands.severityOf(0.3)).isEqualTo(Severity.LOW);
    assertThat(bands.severityOf(0.5)).isEqualTo(Severity.LOW);
    assertThat(bands.severityOf(0.8)).isEqualTo(Severity.MEDIUM);
    assertThat(bands.severityOf(0.97)).isEqualTo(Severity.HIGH);
    assertThat(bands.severityOf(0.99)).isEqualTo(Severity.CRITICAL);
    assertThat(bands.severityOf(1.0)).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void shouldDefaultSeverityBandsAndParameters() {
    DetectorConfig config = new DetectorConfig("*", "ewma", 0.9, 0, Duration.ZERO, null, null, 0);

    assertThat(config.severity()).isEqualTo(SeverityBands.defaults());
    assertThat(config.parameters()).isEmpty();
    assertThat(config.severityOf(0.96)).isEqualTo(Severity.HIGH);
    assertThat(config.keyPattern()).isEqualTo(KeyPattern.ANY);
  }

  @Test
  void shouldRefuseNonIncreasingBandsNamingTheBand() {
    assertThatThrownBy(() -> new SeverityBands(0.5, 0.5, 0.9, 0.99))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("/severity/medium: must be greater than low (0.5), was 0.5");
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
}

package io.vigil.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.pipeline.AlertRules;
import io.vigil.detect.pipeline.Direction;
import io.vigil.detect.pipeline.FeatureRule;
import io.vigil.detect.pipeline.OutOfRange;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.config.AlertRules.FeatureRules;
import io.vigil.schemas.config.AlertRules.Margin;
import io.vigil.schemas.config.AlertRules.ValueRange;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleMappingTest {
  @Test
  void shouldLetAFeatureInheritEachFieldItDoesNotGiveFromTheTopLevel() {
    var wire =
        new io.vigil.schemas.config.AlertRules(
            new Margin(2.0, 0.1),
            io.vigil.schemas.config.AlertRules.Direction.UP,
            new ValueRange(0.0, 100.0),
            io.vigil.schemas.config.AlertRules.OutOfRange.DEAD_LETTER,
            Severity.HIGH,
            Map.of(
                "iowait",
                new FeatureRules(new Margin(5.0, null), null, new ValueRange(null, 50.0))));

    AlertRules rules = RuleMapping.of(wire);

    assertThat(rules.all()).isEqualTo(new FeatureRule(2.0, 0.1, Direction.UP, 0.0, 100.0));
    // A margin or range given replaces the inherited one whole; the direction is inherited.
    assertThat(rules.rule("iowait"))
        .isEqualTo(new FeatureRule(5.0, 0.0, Direction.UP, Double.NEGATIVE_INFINITY, 50.0));
    assertThat(rules.rule("user")).isSameAs(rules.all());
    assertThat(rules.minSeverity()).isEqualTo(AlertLevel.HIGH);
    assertThat(rules.outOfRange()).isEqualTo(OutOfRange.DEAD_LETTER);
  }

  @Test
  void shouldChangeNothingForEmptyRules() {
    AlertRules rules =
        RuleMapping.of(new io.vigil.schemas.config.AlertRules(null, null, null, null, null, null));

    assertThat(rules).isEqualTo(AlertRules.NONE);
  }
}

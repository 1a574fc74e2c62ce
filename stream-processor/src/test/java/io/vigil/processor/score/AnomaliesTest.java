package io.vigil.processor.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.validation.Formats;
import org.junit.jupiter.api.Test;

class AnomaliesTest {
  @Test
  void shouldKeepAnExplanationTheSchemaAllows() {
    String longest = "é".repeat(Anomaly.MAX_EXPLANATION_LENGTH);

    assertThat(Anomalies.explanation(longest)).isEqualTo(longest);
  }

  @Test
  void shouldShortenALongerExplanationToTheLimitByCodePoints() {
    // Code points outside the BMP: a cut by chars could split a surrogate pair.
    String shortened = Anomalies.explanation("😀".repeat(Anomaly.MAX_EXPLANATION_LENGTH + 1));

    assertThat(Formats.length(shortened)).isEqualTo(Anomaly.MAX_EXPLANATION_LENGTH);
    assertThat(shortened).endsWith("😀…");
  }
}

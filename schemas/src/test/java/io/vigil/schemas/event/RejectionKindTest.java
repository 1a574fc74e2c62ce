package io.vigil.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionKindTest {

  @Test
  void shouldNameDocumentProblems() {
    assertThat(RejectionKind.of(Rejection.ofDocument("malformed JSON: x")))
        .isEqualTo("malformed_json");
    assertThat(RejectionKind.of(Rejection.ofDocument("empty payload"))).isEqualTo("empty");
    assertThat(RejectionKind.of(Rejection.ofDocument("payload is 9 bytes, limit is 1")))
        .isEqualTo("too_large");
    assertThat(RejectionKind.of(Rejection.ofDocument("needs value or values")))
        .isEqualTo("invalid_document");
  }

  @Test
  void shouldNameSyntaxErrorsMalformedWhereverTheParserStopped() {
    assertThat(RejectionKind.of(new Rejection("/key", "malformed JSON: unexpected end-of-input")))
        .isEqualTo("malformed_json");
  }

  @Test
  void shouldKeepUserChosenFeatureNamesOutOfTheKind() {
    assertThat(RejectionKind.of(new Rejection("/values/my-secret-feature", "must be finite")))
        .isEqualTo("invalid_values");
    assertThat(RejectionKind.of(new Rejection("/tags/team", "too long"))).isEqualTo("invalid_tags");
    assertThat(RejectionKind.of(new Rejection("/unexpected", "x"))).isEqualTo("invalid_other");
  }
}

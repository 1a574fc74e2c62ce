package io.vigil.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.validation.InvalidFieldException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPatternTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*, host-1/cpu, true",
    "*, '', true",
    "host-*/cpu, host-17/cpu, true",
    "host-*/cpu, host-/cpu, true",
    "host-*/cpu, host-17/mem, false",
    "host-*/cpu, web-1/cpu, false",
    "host-*, host-1/cpu/extra, true",
    "*/cpu, a/b/cpu, true",
    "*a*b, xaybzb, true",
    "*a*b, xaybzc, false",
    "host-?/cpu, host-1/cpu, true",
    "host-?/cpu, host-12/cpu, false",
    "sensor-😀?, sensor-😀😀, true",
    "exact, exact, true",
    "exact, exactly, false",
    "a.b, axb, false",
    "**, anything, true"
  })
  void shouldMatchGlobs(String glob, String key, boolean matches) {
    assertThat(KeyPattern.of(glob).matches(key)).isEqualTo(matches);
  }

  @Test
  void shouldOrderMostSpecificFirst() {
    List<KeyPattern> patterns =
        Stream.of("*", "host-*", "host-*/cpu", "host-?/cpu", "host-1/cpu", "*/cpu")
            .map(KeyPattern::of)
            .sorted(KeyPattern.MOST_SPECIFIC_FIRST)
            .toList();

    assertThat(patterns)
        .extracting(KeyPattern::glob)
        .containsExactly("host-1/cpu", "host-?/cpu", "host-*/cpu", "host-*", "*/cpu", "*");
  }

  @Test
  void shouldRefuseBlankPatternsNamingTheField() {
    assertThatThrownBy(() -> KeyPattern.of("  "))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessage("/pattern: must not be blank");
  }

  @Test
  void shouldCallStarTheDefault() {
    assertThat(KeyPattern.ANY.glob()).isEqualTo("*");
    assertThat(KeyPattern.ANY.literals()).isZero();
  }
}

package io.vigil.sink.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParametersTest {
  @Test
  void shouldApplyTheDefaultsWithoutParameters() {
    AnomalyQuery query = QueryParameters.history(Map.of()).value().orElseThrow();

    assertThat(query)
        .isEqualTo(
            new AnomalyQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                100,
                Optional.empty()));
  }

  @Test
  void shouldReadEveryHistoryParameter() {
    Cursor cursor = new Cursor(Instant.parse("2026-03-01T12:00:00.123456Z"), "id-1");
    AnomalyQuery query =
        QueryParameters.history(
                params(
                    "key", "host-1/cpu",
                    "from", "2026-03-01T12:00:00Z",
                    "to", "1772370000000",
                    "severity", "HIGH",
                    "limit", "1000",
                    "cursor", cursor.encode()))
            .value()
            .orElseThrow();

    assertThat(query.key()).contains("host-1/cpu");
    assertThat(query.from()).contains(Instant.parse("2026-03-01T12:00:00Z"));
    assertThat(query.to()).contains(Instant.ofEpochMilli(1772370000000L));
    assertThat(query.minSeverity()).contains(Severity.HIGH);
    assertThat(query.limit()).isEqualTo(1000);
    assertThat(query.after()).contains(cursor);
  }

  @Test
  void shouldReadAKeyPrefixButNotTogetherWithAKey() {
    assertThat(
            QueryParameters.history(params("prefix", "host-1/")).value().orElseThrow().keyPrefix())
        .contains("host-1/");
    assertThat(QueryParameters.history(params("prefix", "host-1/", "key", "host-1/cpu")).problems())
        .extracting(ParameterProblem::parameter)
        .containsExactly("prefix");
  }

  @ParameterizedTest
  @CsvSource({
    "limit, 0",
    "limit, 1001",
    "limit, ten",
    "from, yesterday",
    "to, 2026-13-01T00:00:00Z",
    "from, +20000-01-01T00:00:00Z",
    "severity, urgent",
    "cursor, not-a-cursor",
    "cursor, Mnxmb298YmFy",
    "key, ''",
    "colour, red"
  })
  void shouldNameTheBadParameter(String parameter, String value) {
    List<ParameterProblem> problems = QueryParameters.history(params(parameter, value)).problems();

    assertThat(problems)
        .singleElement()
        .extracting(ParameterProblem::parameter)
        .isEqualTo(parameter);
  }

  @Test
  void shouldReportEveryProblemAtOnce() {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    raw.put("limit", List.of("5", "6"));
    raw.put("from", List.of("2026-03-02T00:00:00Z"));
    raw.put("to", List.of("2026-03-01T00:00:00Z"));

    assertThat(QueryParameters.history(raw).problems())
        .extracting(ParameterProblem::parameter)
        .containsExactlyInAnyOrder("limit", "to");
  }

  @Test
  void shouldAllowALimitOnLatestOnlyWithoutKey() {
    assertThat(QueryParameters.latest(params("limit", "5"), 1000).value())
        .contains(new QueryParameters.Latest(Optional.empty(), 5));
    assertThat(QueryParameters.latest(params("key", "k", "limit", "5"), 1000).problems())
        .extracting(ParameterProblem::parameter)
        .containsExactly("limit");
    assertThat(QueryParameters.latest(params("limit", "1001"), 1000).problems())
        .extracting(ParameterProblem::parameter)
        .containsExactly("limit");
    assertThat(QueryParameters.latest(Map.of(), 50).value())
        .contains(new QueryParameters.Latest(Optional.empty(), 50));
  }

  @Test
  void shouldRoundTripACursorAndRejectForeignOnes() {
    Cursor cursor = new Cursor(Instant.parse("2026-03-01T12:00:00.000001Z"), "a|b");

    assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, List<String>> params(String... nameValues) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      raw.put(nameValues[i], List.of(nameValues[i + 1]));
    }
    return raw;
  }
}

package io.vigil.sink.redis;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.sink.TestAnomalies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatestOrderTest {
  private static final Comparator<String> BYTE_ORDER =
      Comparator.comparing(s -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

  @Test
  void shouldSortTokensByteWiseInEventTimeOrder() {
    List<Anomaly> chronological =
        List.of(
            anomaly("k", Instant.parse("1969-12-31T23:59:59.999999999Z")),
            anomaly("k", Instant.EPOCH),
            anomaly("k", Instant.parse("2026-03-01T12:00:00.000000001Z")),
            anomaly("k", Instant.parse("2026-03-01T12:00:00.5Z")),
            anomaly("k", Instant.parse("2026-03-01T12:00:01Z")),
            anomaly("k", Instant.parse("+100000-01-01T00:00:00Z")));

    List<String> tokens = new ArrayList<>(chronological.stream().map(LatestOrder::token).toList());
    tokens.sort(BYTE_ORDER);

    assertThat(tokens)
        .containsExactlyElementsOf(chronological.stream().map(LatestOrder::token).toList());
  }

  @Test
  void shouldBreakTiesOfEventTimeByTheGreaterId() {
    Anomaly a = anomaly("k", 5);
    Anomaly b = TestAnomalies.with(a, "zzz", a.explanation());
    Anomaly c = TestAnomalies.with(a, "aaa", a.explanation());

    assertThat(List.of(a, b, c).stream().max(LatestOrder.OLDEST_FIRST)).contains(b);
    assertThat(List.of(c, b, a).stream().max(LatestOrder.OLDEST_FIRST)).contains(b);
  }

  @Test
  void shouldRecoverTheIdFromAToken() {
    Anomaly anomaly = anomaly("host-1/cpu", 7);

    assertThat(LatestOrder.idOf(LatestOrder.token(anomaly))).isEqualTo(anomaly.id());
  }
}

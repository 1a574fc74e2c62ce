package io.vigil.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.event.ParseResult;
import java.time.Clock;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BenchEventsTest {
  private final BenchEvents events = new BenchEvents(100);

  @Test
  void shouldWriteEventsThatTheProcessorsParserAcceptsWithTheRecordKeyAsBodyKey() {
    EventParser parser = new EventParser(EventLimits.defaults(), Clock.systemUTC());

    for (long i : new long[] {0, 1, 99, 100, 12_345}) {
      ParseResult<Event> parsed = parser.parse(events.json(i));
      assertThat(parsed).isInstanceOf(ParseResult.Accepted.class);
      Event event = ((ParseResult.Accepted<Event>) parsed).value();
      assertThat(event.key()).isEqualTo(events.key(i));
      assertThat(event).isEqualTo(events.event(i));
    }
  }

  @Test
  void shouldWriteEventsOfAbout200Bytes() {
    double average =
        LongStream.range(0, 1000).mapToInt(i -> events.json(i).length).average().orElseThrow();

    assertThat(average).isBetween(170.0, 230.0);
  }

  @Test
  void shouldGiveEachKeyItsTurnAndAdvanceItsTimeByOneStepPerRound() {
    assertThat(events.key(0)).isEqualTo("bench-0");
    assertThat(events.key(99)).isEqualTo("bench-99");
    assertThat(events.key(100)).isEqualTo("bench-0");
    assertThat(events.event(100).timestamp())
        .isEqualTo(events.event(0).timestamp().plus(io.vigil.bench.detector.SeasonalSeries.STEP));
  }

  @Test
  void shouldFollowADailyShapePerKey() {
    // One day of one key: 288 five-minute steps of a sine of amplitude 10 around ~100.
    double[] day =
        LongStream.range(0, 288).mapToDouble(s -> events.event(s * 100).value()).toArray();
    double min = java.util.Arrays.stream(day).min().orElseThrow();
    double max = java.util.Arrays.stream(day).max().orElseThrow();

    assertThat(max - min).isGreaterThan(15);
    assertThat((max + min) / 2).isBetween(50.0, 150.0);
  }

  @Test
  void shouldRejectFewerThanOneKey() {
    assertThatThrownBy(() -> new BenchEvents(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}

package io.vigil.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.processor.score.ScoringInput;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ScoringInputSerdeTest {
  private static final Instant TIME = Instant.parse("2026-03-01T10:15:30.123456789Z");
  private static final SourcePosition SOURCE = new SourcePosition("events", 7, 123_456_789_012L);
  private final ScoringInputSerde serde = new ScoringInputSerde();

  @Test
  void shouldRoundTripAUnivariateEventWithoutIdOrIngestTime() {
    ScoringInput input =
        new ScoringInput(Event.univariate("host-17/cpu", TIME, -0.0), SOURCE, null);

    assertThat(roundTrip(input)).isEqualTo(input);
  }

  @Test
  void shouldRoundTripAMultivariateEventWithIdTagsAndIngestTime() {
    Event event =
        new Event(
            "säule/ü 𝄞",
            TIME,
            null,
            Map.of("cpu", 0.5, "mem", 1e300, "io", Double.MIN_VALUE),
            "id-1",
            Map.of("host", "h1", "", "empty name"));
    ScoringInput input = new ScoringInput(event, SOURCE, TIME.plusMillis(3));

    assertThat(roundTrip(input)).isEqualTo(input);
  }

  @Test
  void shouldBeSmallerThanTheJsonForm() {
    ScoringInput input =
        new ScoringInput(
            new Event("host-17/cpu", TIME, 42.5, null, "e-1", Map.of("host", "h1")), SOURCE, TIME);

    byte[] binary = serde.serializer().serialize("t", input);
    byte[] json = JsonSerde.of(ScoringInput.class).toBytes(input);

    assertThat(binary.length).isLessThan(json.length / 2);
  }

  @Test
  void shouldStillReadTheJsonFormOfEarlierBuilds() {
    ScoringInput input = new ScoringInput(Event.univariate("a", TIME, 1.5), SOURCE, TIME);
    byte[] json = JsonSerde.of(ScoringInput.class).toBytes(input);

    assertThat(ScoringInputSerde.decode(json)).isEqualTo(input);
  }

  @Test
  void shouldRejectUnreadableBytesWithASerializationExceptionThatSaysWhy() {
    byte[] good =
        ScoringInputSerde.encode(new ScoringInput(Event.univariate("a", TIME, 1), SOURCE, null));

    assertThatThrownBy(() -> ScoringInputSerde.decode(Arrays.copyOf(good, good.length - 3)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unreadable scoring input");
    assertThatThrownBy(() -> ScoringInputSerde.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format version");
    byte[] hugeLength = good.clone();
    hugeLength[1] = 0x7F;
    assertThatThrownBy(() -> ScoringInputSerde.decode(hugeLength))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bad length");
  }

  private ScoringInput roundTrip(ScoringInput input) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", input));
  }
}

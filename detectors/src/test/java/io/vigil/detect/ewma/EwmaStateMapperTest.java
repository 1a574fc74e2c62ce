package io.vigil.detect.ewma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.StateFormatException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EwmaStateMapperTest {
  /** A v1 state as written by the first release; it must load in every later one. */
  private static final String GOLDEN_V1 =
      "0101000000006553f1000001e240000000020003637075000000000000002a40590000000000"
          + "0040390000000000000000000000036d656d0000000000000007c0281000000000003fb99999"
          + "9999999a00000002";

  private final EwmaStateMapper mapper = new EwmaStateMapper();

  @Test
  void shouldReadBackWhatItWrites() {
    EwmaState state = sample();
    byte[] bytes = mapper.toBytes(state);

    assertThat(bytes[0]).isEqualTo((byte) EwmaStateMapper.VERSION);
    assertThat(mapper.fromBytes(bytes)).isEqualTo(state);
    assertThat(mapper.toBytes(mapper.fromBytes(bytes))).isEqualTo(bytes);
  }

  @Test
  void shouldReadBackEmptyModel() {
    EwmaState empty = EwmaState.empty();
    assertThat(mapper.fromBytes(mapper.toBytes(empty))).isEqualTo(empty);
  }

  @Test
  void shouldLoadGoldenVersionOneBytes() {
    EwmaState state = mapper.fromBytes(HexFormat.of().parseHex(GOLDEN_V1));

    assertThat(state).isEqualTo(sample());
  }

  @Test
  void shouldWriteTheGoldenBytesForTheSameState() {
    assertThat(HexFormat.of().formatHex(mapper.toBytes(sample()))).isEqualTo(GOLDEN_V1);
  }

  @Test
  void shouldRefuseUnknownVersionClearly() {
    byte[] bytes = mapper.toBytes(sample());
    bytes[0] = 9;

    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown EWMA state format version 9")
        .hasMessageContaining("reads 1");
  }

  @Test
  void shouldRefuseTruncatedBytes() {
    byte[] bytes = mapper.toBytes(sample());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> mapper.fromBytes(truncated))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("corrupt EWMA state");
  }

  @Test
  void shouldRefuseTrailingBytes() {
    byte[] bytes = mapper.toBytes(sample());
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);

    assertThatThrownBy(() -> mapper.fromBytes(longer))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unexpected bytes");
  }

  @Test
  void shouldRefuseEmptyBytes() {
    assertThatThrownBy(() -> mapper.fromBytes(new byte[0]))
        .isInstanceOf(StateFormatException.class);
  }

  private static EwmaState sample() {
    return new EwmaState(
        new TreeMap<>(
            Map.of(
                "cpu", new FeatureStats(42, 100.0, 25.0, 0),
                "mem", new FeatureStats(7, -12.03125, 0.1, 2))),
        Instant.ofEpochSecond(1_700_000_000L, 123_456));
  }
}

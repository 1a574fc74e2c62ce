package io.vigil.detect.seasonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.FeatureStats;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeasonalStateMapperTest {
  /** A v1 state as written by the first release; it must load in every later one. */
  private static final String GOLDEN_V1 =
      "0100000035010100000000659200800000000000000001000576616c756500000000000000644049"
          + "00000000000040000000000000000000000000000001000000030000003501010000000065920080"
          + "0000000000000001000576616c7565000000000000000a404a000000000000401000000000000000"
          + "000000";

  private final SeasonalStateMapper mapper = new SeasonalStateMapper();

  static SeasonalState sample() {
    Instant time = Instant.parse("2024-01-01T00:00:00Z");
    EwmaState global =
        new EwmaState(new TreeMap<>(Map.of("value", new FeatureStats(100, 50.0, 2.0, 0))), time);
    EwmaState bucket =
        new EwmaState(new TreeMap<>(Map.of("value", new FeatureStats(10, 52.0, 4.0, 0))), time);
    return new SeasonalState(global, new TreeMap<>(Map.of(3, bucket)));
  }

  @Test
  void shouldReadBackWhatItWrites() {
    byte[] bytes = mapper.toBytes(sample());
    assertThat(mapper.fromBytes(bytes)).isEqualTo(sample());
    assertThat(mapper.fromBytes(mapper.toBytes(SeasonalState.empty())))
        .isEqualTo(SeasonalState.empty());
  }

  @Test
  void shouldLoadGoldenVersionOneBytes() {
    assertThat(mapper.fromBytes(HexFormat.of().parseHex(GOLDEN_V1))).isEqualTo(sample());
    assertThat(HexFormat.of().formatHex(mapper.toBytes(sample()))).isEqualTo(GOLDEN_V1);
  }

  @Test
  void shouldRefuseUnknownVersionClearly() {
    byte[] bytes = mapper.toBytes(sample());
    bytes[0] = 7;
    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown seasonal state format version 7");
  }

  @Test
  void shouldRefuseTruncatedBytes() {
    byte[] bytes = mapper.toBytes(sample());
    assertThatThrownBy(() -> mapper.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("corrupt");
  }
}

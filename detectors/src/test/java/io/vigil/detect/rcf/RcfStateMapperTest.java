package io.vigil.detect.rcf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.Assessment;
import io.vigil.detect.StateFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RcfStateMapperTest {
  /** Parameters of the model in {@code rcf-state-v1.hex}: shingle 4, 2 trees, sample 16. */
  private static final RcfParameters GOLDEN_PARAMETERS =
      new RcfParameters(4, 1, 2, 16, 8, 3.0, 42L);

  private final RcfStateMapper mapper = new RcfStateMapper();

  /** A v1 state (20 observations of 0,1,2,3,4,0,…) as written by the first release. */
  private static byte[] golden() throws IOException {
    try (InputStream in = RcfStateMapperTest.class.getResourceAsStream("rcf-state-v1.hex")) {
      return HexFormat.of()
          .parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
    }
  }

  @Test
  void shouldLoadGoldenVersionOneBytesAndKeepScoring() throws IOException {
    RcfState state = mapper.fromBytes(golden());

    assertThat(state.features()).containsExactly("value");
    assertThat(state.lastValues()).containsExactly(4.0);
    assertThat(state.updates()).isEqualTo(20);
    Assessment next =
        new RcfDetector(GOLDEN_PARAMETERS)
            .score(state, Map.of("value", 0.0), Instant.ofEpochSecond(1_700_001_200L))
            .assessment();
    assertThat(next.rawScore()).isFinite();
    assertThat(next.expected()).containsKey("value");
  }

  @Test
  void shouldRefuseACorruptForestBlob() throws IOException {
    byte[] bytes = golden();
    bytes[bytes.length - 20] ^= 0x5a;
    bytes[bytes.length - 40] ^= 0x5a;

    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("corrupt RCF state");
  }
}

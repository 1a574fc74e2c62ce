package io.vigil.detect.adaptive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.StateFormatException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AdaptiveStateMapperTest {
  private static final AdaptiveParameters DEFAULTS = AdaptiveParameters.defaults();
  private final AdaptiveDetector detector = new AdaptiveDetector(DEFAULTS);
  private final AdaptiveStateMapper mapper = new AdaptiveStateMapper(DEFAULTS);

  /**
   * Format v1 of {@link #handMade()}: one feature "value", then its fields in order; only bucket 0
   * and the first three window entries are set.
   */
  private static final String GOLDEN =
      "01" // version
          + "00000001" // one feature
          + "000576616c7565" // "value"
          + "0000000000000003" // count 3
          + "0000019b76daa800" // first value at 2026-01-01T00:00:00Z
          + "4000000000000000" // level 2.0
          + "3fe0000000000000" // spread 0.5
          + "3ff0000000000000" // min 1.0
          + "4008000000000000" // max 3.0
          + "4008000000000000" // last 3.0
          + "3ff0000000000000" // step 1.0
          + "0018" // 24 buckets
          + "4000000000000000"
          + "3fe0000000000000"
          + "03" // bucket 0: level 2, spread 0.5, 3
          + "00".repeat(17 * 23) // buckets 1 to 23: empty
          + "0014" // window 20
          + "3f800000"
          + "3f000000"
          + "40000000" // deviations 1, 0.5, 2
          + "00000000".repeat(17) // the rest of the window
          + "0000000000000002" // averages 2
          + "3ff4000000000000" // average mean 1.25
          + "3fb0000000000000" // average variance 0.0625
          + "3ff8000000000000" // peak distance 1.5
          + "3fd0000000000000" // still share 0.25
          + "00000001"; // still run 1

  private static AdaptiveState handMade() {
    double[] bucketLevel = new double[24];
    double[] bucketSpread = new double[24];
    byte[] bucketCount = new byte[24];
    bucketLevel[0] = 2.0;
    bucketSpread[0] = 0.5;
    bucketCount[0] = 3;
    float[] recent = new float[20];
    recent[0] = 1.0f;
    recent[1] = 0.5f;
    recent[2] = 2.0f;
    FeatureModel value =
        new FeatureModel(
            3,
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(),
            2.0,
            0.5,
            1.0,
            3.0,
            3.0,
            1.0,
            bucketLevel,
            bucketSpread,
            bucketCount,
            recent,
            2,
            1.25,
            0.0625,
            1.5,
            0.25,
            1);
    return new AdaptiveState(new TreeMap<>(Map.of("value", value)));
  }

  private AdaptiveState learned(int count) {
    Random random = new Random(21);
    AdaptiveState state = detector.newModel();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      state =
          detector
              .score(
                  state,
                  Map.of(
                      "cpu", 50 + random.nextGaussian(), "mem", 10 + 0.1 * random.nextGaussian()),
                  t.plusSeconds(300L * i))
              .model();
    }
    return state;
  }

  @Test
  void shouldRoundTripALearnedStateExactly() {
    AdaptiveState state = learned(400);

    byte[] bytes = mapper.toBytes(state);
    AdaptiveState back = mapper.fromBytes(bytes);

    assertThat(back).isEqualTo(state);
    assertThat(mapper.toBytes(back)).isEqualTo(bytes);
    assertThat(back.features().get("cpu").count()).isEqualTo(400);
  }

  @Test
  void shouldWriteAndReadGoldenVersionOneBytes() {
    assertThat(HexFormat.of().formatHex(mapper.toBytes(handMade()))).isEqualTo(GOLDEN);
    assertThat(mapper.fromBytes(HexFormat.of().parseHex(GOLDEN))).isEqualTo(handMade());
  }

  @Test
  void shouldRefuseAnUnknownVersionNamingIt() {
    byte[] bytes = HexFormat.of().parseHex(GOLDEN);
    bytes[0] = 2;

    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("unknown adaptive state format version 2");
  }

  @Test
  void shouldRefuseTruncatedBytes() {
    byte[] bytes = HexFormat.of().parseHex(GOLDEN);

    for (int length : new int[] {1, 5, 20, bytes.length / 2, bytes.length - 1}) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> mapper.fromBytes(truncated))
          .as("truncated to %d bytes", length)
          .isInstanceOf(StateFormatException.class)
          .hasMessageContaining("adaptive state");
    }
  }

  @Test
  void shouldRefuseABucketCountOtherThanTheDetectors() {
    AdaptiveParameters hourly = withBuckets(12);
    AdaptiveDetector other = new AdaptiveDetector(hourly);
    AdaptiveState state =
        other.score(other.newModel(), Map.of("value", 1.0), Instant.EPOCH).model();
    byte[] bytes = other.mapper().toBytes(state);

    assertThat(other.mapper().fromBytes(bytes)).isEqualTo(state);
    assertThatThrownBy(() -> mapper.fromBytes(bytes))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining("12 buckets stored, this detector has 24");
  }

  private static AdaptiveParameters withBuckets(int buckets) {
    AdaptiveParameters d = DEFAULTS;
    return new AdaptiveParameters(
        d.warmup(),
        d.levelAlpha(),
        d.clipDeviations(),
        d.period(),
        buckets,
        d.bucketAlpha(),
        d.bucketWarmup(),
        d.bucketSpreadFloor(),
        d.window(),
        d.windowCap(),
        d.likelihoodAlpha(),
        d.likelihoodLearning(),
        d.rangeTolerance(),
        d.earlyRangeDeviations(),
        d.earlyRangeUntil(),
        d.fastStartSteps(),
        d.rangeMinSteps(),
        d.spikeRatio(),
        d.spikeMemory(),
        d.spikeFrom(),
        d.flatlinePenalty(),
        d.bandDeviations(),
        d.ninesOffset());
  }
}

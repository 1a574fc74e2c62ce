package io.vigil.schemas.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.serde.IsoInstant;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreSerdeTest {
  private final JsonSerde<Score> databind = JsonSerde.of(Score.class);
  private final ScoreSerde serde = new ScoreSerde();

  @Test
  void shouldWriteTheBytesDataBindingWrites() {
    Random random = new Random(5);
    for (int i = 0; i < 2_000; i++) {
      Score score = randomScore(random);

      byte[] written = serde.serializer().serialize("scores", score);

      assertThat(new String(written, StandardCharsets.UTF_8))
          .isEqualTo(new String(databind.toBytes(score), StandardCharsets.UTF_8));
      assertThat(serde.deserializer().deserialize("scores", written)).isEqualTo(score);
    }
  }

  @Test
  void shouldFormatInstantsAsInstantToStringDoes() {
    Random random = new Random(9);
    long[] seconds = {
      0, -1, 253_402_300_799L, 253_402_300_800L, -62_167_219_200L, -62_167_219_201L
    };
    for (long second : seconds) {
      for (int nanos : new int[] {0, 1, 1_000, 1_000_000, 999_999_999, 120_000_000}) {
        Instant instant = Instant.ofEpochSecond(second, nanos);
        assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
      }
    }
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong() % 400_000_000_000L,
              switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
              });
      assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }
  }

  private static Score randomScore(Random random) {
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, Expected> expected = new LinkedHashMap<>();
    int features = random.nextInt(4);
    boolean withExpected = random.nextBoolean();
    for (int f = 0; f < features; f++) {
      double value = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
      values.put("f\"é" + f, value);
      if (withExpected) {
        expected.put("f\"é" + f, new Expected(value / 2, value - 1, value + random.nextDouble()));
      }
    }
    Instant time =
        Instant.ofEpochSecond(
            1_700_000_000L + random.nextInt(1_000_000), random.nextInt(3) * 500_000_000);
    return new Score(
        "host-" + random.nextInt(100) + "/cpu<\u2028>",
        time,
        time.plusNanos(random.nextInt(1_000_000_000)),
        random.nextBoolean() ? 1 - Math.pow(10, -random.nextInt(12)) : random.nextDouble(),
        random.nextGaussian() * 100,
        random.nextBoolean() ? "ewma" : "adaptive/range",
        random.nextBoolean(),
        values,
        expected,
        random.nextInt(4) == 0
            ? null
            : new SourcePosition("events", random.nextInt(8), random.nextLong() & Long.MAX_VALUE),
        random.nextBoolean(),
        random.nextBoolean());
  }
}

package io.vigil.processor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.detector.DetectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The {@link GoldenModelRecords} load with today's {@link ModelCodec}, and damaged copies of them
 * are refused as unreadable ({@link StateFormatException}, which the store counts and resets),
 * never with another error.
 *
 * <p>Writing the records: run this class with {@code -Dvigil.golden.write=true} from the module
 * directory, e.g. {@code ./mvnw -B -pl stream-processor -am test -Dspotless.check.skip=true
 * -Dtest=GoldenModelRecordsTest -Dsurefire.failIfNoSpecifiedTests=false -Dvigil.golden.write=true}.
 * Only missing files are written; one that exists must equal what this build writes, else the run
 * fails: a committed record is never overwritten. Delete it to replace it on purpose, or start a
 * new generation (a new {@link GoldenModelRecords#RESOURCES} directory) next to the old one.
 */
class GoldenModelRecordsTest {
  private static final String WRITE = "vigil.golden.write";
  private static final List<DetectorCatalog> SETUPS = GoldenModelRecords.SETUPS;

  private final ModelCodec codec = TestDrivers.codec();

  @TempDir Path stateDir;

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldKeepTheGoldenRecordOfEachSetupWrittenOnceAndNeverOverwritten(DetectorCatalog setup)
      throws IOException {
    Path file = GoldenModelRecords.source(setup);
    if (Boolean.getBoolean(WRITE)) {
      byte[] written = GoldenModelRecords.generate(setup, stateDir);
      if (Files.exists(file)) {
        assertThat(written)
            .as(
                file
                    + " is committed and differs from what this build writes; it is never"
                    + " overwritten: delete it to replace it on purpose, or start a new generation")
            .isEqualTo(Files.readAllBytes(file));
      } else {
        Files.createDirectories(file.getParent());
        Files.write(file, written, StandardOpenOption.CREATE_NEW);
      }
    }
    assertThat(file).as("golden record; write missing ones with -D" + WRITE + "=true").exists();
  }

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldDecodeEachGoldenRecordAndScoreTheNextEventWithIt(DetectorCatalog setup) {
    ModelRecord record = codec.decode(GoldenModelRecords.read(setup));

    assertThat(record.detector()).isEqualTo(setup.configName());
    assertThat(record.observations()).isEqualTo(GoldenModelRecords.EVENTS);
    assertThat(record.lastEventTime()).isEqualTo(GoldenModelRecords.lastEventTime());
    assertThat(record.expected()).containsOnlyKeys("value");
    KeyScorer.Step<Object> next =
        scorer(setup)
            .score(
                record.state(),
                Map.of("value", 50.0),
                GoldenModelRecords.time(GoldenModelRecords.EVENTS));
    assertThat(next.state().observations()).isEqualTo(GoldenModelRecords.EVENTS + 1);
    assertThat(next.decision().score()).isBetween(0.0, 1.0);
  }

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldRefuseAGoldenRecordCutShortAsUnreadable(DetectorCatalog setup) {
    byte[] golden = GoldenModelRecords.read(setup);
    Random random = new Random(setup.ordinal());
    for (int i = 0; i < 100; i++) {
      byte[] cut =
          Arrays.copyOf(golden, i == 0 ? golden.length - 1 : random.nextInt(golden.length));
      assertThatThrownBy(() -> codec.decode(cut))
          .as("cut to %d bytes", cut.length)
          .isInstanceOf(StateFormatException.class);
    }
  }

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldRefuseAGoldenRecordWithFlippedBitsAsUnreadableOrScoreWithWhatItReads(
      DetectorCatalog setup) {
    byte[] golden = GoldenModelRecords.read(setup);
    KeyScorer<Object> scorer = scorer(setup);
    Random random = new Random(setup.ordinal());
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      byte[] damaged = golden.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
      }
      ModelRecord read;
      try {
        read = codec.decode(damaged);
      } catch (StateFormatException unreadable) {
        refused++;
        continue;
      }
      // A flipped bit in a number may still read; the state must then score, not throw.
      assertThat(scorer.score(read.state(), Map.of("value", 50.0), next()).state().observations())
          .as("damage %d", i)
          .isPositive();
    }
    assertThat(refused).as("damage to the framing is noticed").isPositive();
  }

  private static Instant next() {
    return GoldenModelRecords.time(GoldenModelRecords.EVENTS);
  }

  private static KeyScorer<Object> scorer(DetectorCatalog setup) {
    return new DetectorFactory(EwmaParameters.defaults())
        .settings("*", 0, setup.configName(), Map.of(), ScoringPolicy.defaults(), null)
        .scorer();
  }
}

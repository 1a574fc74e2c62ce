package io.vigil.processor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.processor.model.GoldenModelRecords;
import io.vigil.processor.model.ModelRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upgrade safety of the scorer, through the whole topology over a store that already holds a {@link
 * GoldenModelRecords golden record} of the processor of December 2026: the stored model is resumed,
 * or started afresh with a counted reason, and the event is scored either way.
 */
class ScoringProcessorTest {
  private static final String KEY = GoldenModelRecords.KEY;
  private static final List<DetectorCatalog> SETUPS = GoldenModelRecords.SETUPS;
  private static final Instant NEXT = GoldenModelRecords.time(GoldenModelRecords.EVENTS);

  @TempDir Path stateDir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<TopologyTestDriver> drivers = new ArrayList<>();

  @AfterEach
  void closeDrivers() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldResumeAGoldenRecordWhenItsKeyIsStillScoredWithItsSetup(DetectorCatalog setup) {
    byte[] golden = GoldenModelRecords.read(setup);
    TopologyTestDriver driver = driver(setup, golden);

    scoreTheNextEvent(driver);

    ModelRecord stored = TestDrivers.record(driver, KEY);
    assertThat(stored.detector()).isEqualTo(setup.configName());
    assertThat(stored.observations()).isEqualTo(GoldenModelRecords.EVENTS + 1);
    assertThat(stored.lastEventTime()).isEqualTo(NEXT);
    assertThat(stored.lastAnomaly()).isEqualTo(TestDrivers.codec().decode(golden).lastAnomaly());
    assertThat(resets("unreadable")).isZero();
    assertThat(resets("detector_changed")).isZero();
    assertThat(counter("vigil.processor.models.started")).isZero();
    assertThat(counter("vigil.processor.events.scored")).isEqualTo(1);
  }

  @ParameterizedTest
  @FieldSource("SETUPS")
  void shouldStartAfreshCountingTheChangeWhenTheKeysSetupIsAnotherNow(DetectorCatalog setup) {
    DetectorCatalog now = another(setup);
    TopologyTestDriver driver = driver(now, GoldenModelRecords.read(setup));

    scoreTheNextEvent(driver);

    assertStartedAfreshWith(driver, now, "detector_changed");
  }

  static Stream<DetectorCatalog> setupsOtherThanTheDefault() {
    return SETUPS.stream().filter(s -> s != ProcessorConfig.DEFAULT_DETECTOR);
  }

  /** A key stored by an earlier default (ensemble-range) when a processor upgrades. */
  @ParameterizedTest
  @MethodSource("setupsOtherThanTheDefault")
  void shouldStartAfreshCountingTheChangeWhenAGoldenRecordMeetsTheDefaultSetup(
      DetectorCatalog setup) {
    DetectorCatalog now = ProcessorConfig.DEFAULT_DETECTOR;
    TopologyTestDriver driver = driver(now, GoldenModelRecords.read(setup));

    scoreTheNextEvent(driver);

    assertStartedAfreshWith(driver, now, "detector_changed");
  }

  static Stream<Arguments> damagedGoldenRecords() {
    return SETUPS.stream()
        .flatMap(setup -> Arrays.stream(Damage.values()).map(d -> Arguments.of(setup, d)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("damagedGoldenRecords")
  void shouldStartAfreshCountingAnUnreadableStoredModel(DetectorCatalog setup, Damage damage) {
    TopologyTestDriver driver = driver(setup, damage.apply(setup));

    scoreTheNextEvent(driver);

    assertStartedAfreshWith(driver, setup, "unreadable");
  }

  /**
   * The event was scored by a fresh model of {@code setup}, one reset counted for {@code reason}.
   */
  private void assertStartedAfreshWith(
      TopologyTestDriver driver, DetectorCatalog setup, String reason) {
    ModelRecord stored = TestDrivers.record(driver, KEY);
    assertThat(stored.detector()).isEqualTo(setup.configName());
    assertThat(stored.observations()).isEqualTo(1);
    assertThat(registry.get("vigil.processor.model.resets").counters())
        .allSatisfy(
            c ->
                assertThat(c.count())
                    .as(c.getId().getTag("reason"))
                    .isEqualTo(reason.equals(c.getId().getTag("reason")) ? 1 : 0));
    assertThat(counter("vigil.processor.models.started")).isEqualTo(1);
    assertThat(counter("vigil.processor.events.scored")).isEqualTo(1);
    assertThat(
            driver
                .createOutputTopic(
                    "events-dlq", new StringDeserializer(), new ByteArrayDeserializer())
                .isEmpty())
        .isTrue();
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("damagedGoldenRecords")
  void shouldFindEachDamagedRecordUnreadableForItsOwnReason(DetectorCatalog setup, Damage damage) {
    byte[] damaged = damage.apply(setup);

    assertThatThrownBy(() -> TestDrivers.codec().decode(damaged))
        .isInstanceOf(StateFormatException.class)
        .hasMessageContaining(damage.reason);
  }

  /** Ways a stored record can be unreadable to this build, and the reason the codec gives. */
  enum Damage {
    /** A record format this build does not know (a newer processor's, say). */
    UNKNOWN_RECORD_FORMAT(
        "unknown model record state format version 128", bytes -> withByte(bytes, 0, 0x80)),
    /** Cut short, as by a torn write. */
    CUT_SHORT("", bytes -> Arrays.copyOf(bytes, bytes.length / 2)),
    /** Written for a setup this build does not have (a retired or a newer one). */
    UNKNOWN_SETUP("unknown detector 'retired-setup'", ScoringProcessorTest::withRetiredSetup),
    /** A key-state format version this build does not know. */
    UNKNOWN_STATE_VERSION(
        "unknown key state format version 99", bytes -> withByte(bytes, stateOffset(bytes), 99)),
    /** A detector model format version this build does not know. */
    UNKNOWN_MODEL_VERSION(
        "state format version 99",
        bytes -> withByte(bytes, bytes.length - modelBytes(bytes).length, 99)),
    /** Not a model record at all. */
    GARBAGE(
        "unknown model record state format version 123",
        bytes -> "{\"not\":\"a model\"}".getBytes(StandardCharsets.UTF_8));

    private final String reason;
    private final UnaryOperator<byte[]> damage;

    Damage(String reason, UnaryOperator<byte[]> damage) {
      this.reason = reason;
      this.damage = damage;
    }

    byte[] apply(DetectorCatalog setup) {
      return damage.apply(GoldenModelRecords.read(setup));
    }
  }

  private static byte[] withByte(byte[] bytes, int at, int value) {
    byte[] copy = bytes.clone();
    copy[at] = (byte) value;
    return copy;
  }

  /** The record with its setup name (after the 13-byte header) replaced by a retired one. */
  private static byte[] withRetiredSetup(byte[] bytes) {
    int nameLength = ByteBuffer.wrap(bytes, 13, 2).getShort();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.write(bytes, 0, 13);
      out.writeUTF("retired-setup");
      out.write(bytes, 15 + nameLength, bytes.length - 15 - nameLength);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /**
   * Where the stored key state starts: after the fields {@code ModelCodec}'s format 2 puts before
   * it. Found by reading them, not by re-encoding, as this build may write a newer key state
   * version than the golden record holds.
   */
  private static int stateOffset(byte[] record) {
    ByteArrayInputStream bytes = new ByteArrayInputStream(record, 13, record.length - 13);
    try (DataInputStream in = new DataInputStream(bytes)) {
      in.readUTF(); // setup name
      if (in.readBoolean()) {
        in.readUTF(); // last anomaly: id, seconds, nanos, score, severity
        in.skipNBytes(8 + 4 + 8);
        in.readUTF();
      }
      int features = in.readInt();
      for (int i = 0; i < features; i++) {
        in.readUTF();
        in.skipNBytes(3 * 8);
      }
      in.readInt(); // state length
      return record.length - bytes.available();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The detector's model, which a key state ends with. */
  @SuppressWarnings("unchecked")
  private static byte[] modelBytes(byte[] record) {
    ModelRecord read = TestDrivers.codec().decode(record);
    return ((StateMapper<Object>) mapper(read)).toBytes(read.model());
  }

  private static StateMapper<?> mapper(ModelRecord record) {
    return new DetectorFactory(EwmaParameters.defaults()).mapper(record.detector()).orElseThrow();
  }

  /** Another setup than {@code setup}: what a key would get if the default changed. */
  private static DetectorCatalog another(DetectorCatalog setup) {
    return setup == DetectorCatalog.EWMA ? DetectorCatalog.SEASONAL : DetectorCatalog.EWMA;
  }

  /** A processor scoring every key with {@code setup}, its store holding {@code stored}. */
  private TopologyTestDriver driver(DetectorCatalog setup, byte[] stored) {
    TopologyTestDriver driver =
        TestDrivers.create(
            stateDir.resolve("driver-" + drivers.size()),
            Clock.fixed(NEXT.plusSeconds(60), ZoneOffset.UTC),
            NEXT,
            registry,
            Map.of("vigil.processor.detector", setup.configName()));
    drivers.add(driver);
    TestDrivers.models(driver).put(KEY, stored);
    return driver;
  }

  private static void scoreTheNextEvent(TopologyTestDriver driver) {
    driver
        .createInputTopic("events", new StringSerializer(), new ByteArraySerializer())
        .pipeInput(KEY, TestEvents.json(KEY, NEXT, TestEvents.MEAN, "next"), NEXT);
  }

  private double resets(String reason) {
    return registry.get("vigil.processor.model.resets").tag("reason", reason).counter().count();
  }

  private double counter(String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }
}

package io.vigil.processor.model;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.processor.TestDrivers;
import io.vigil.processor.TestEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Golden records of the {@code models} store: the bytes the processor of December 2026 ({@link
 * ModelCodec} format 2 around {@code KeyStateMapper} v1) wrote for one key after {@link #EVENTS}
 * events of a seeded daily-seasonal series with a spike, for its default setup and two others. They
 * are committed under {@code src/test/resources/}{@value #RESOURCES}; every later processor must
 * load them, or reset them with a counted reason, never fail on them. {@code
 * GoldenModelRecordsTest} writes them on demand (see there) and never overwrites one.
 */
public final class GoldenModelRecords {
  /** Where the generation of records lives, on the test class path. */
  static final String RESOURCES = "io/vigil/processor/model/golden/2026-12/";

  /** The setups of that generation: the then default, and two single-member ones. */
  public static final List<DetectorCatalog> SETUPS =
      List.of(DetectorCatalog.ENSEMBLE_RANGE, DetectorCatalog.EWMA, DetectorCatalog.SEASONAL);

  public static final String KEY = "golden-host/cpu";
  public static final int EVENTS = 400;
  static final int SPIKE_AT = 350;
  static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  private GoldenModelRecords() {}

  /** Event time of the {@code i}-th event of the series: one a minute. */
  public static Instant time(int i) {
    return START.plusSeconds(60L * i);
  }

  /** The last event time a golden record holds. */
  public static Instant lastEventTime() {
    return time(EVENTS - 1);
  }

  /** The committed golden record of {@code setup}. */
  public static byte[] read(DetectorCatalog setup) {
    String name = RESOURCES + fileName(setup);
    try (InputStream in = GoldenModelRecords.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no golden record " + name + " on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fileName(DetectorCatalog setup) {
    return setup.configName() + ".bin";
  }

  /** Where {@link #read} finds the record in the module's sources. */
  static Path source(DetectorCatalog setup) {
    return Path.of("src", "test", "resources").resolve(RESOURCES).resolve(fileName(setup));
  }

  /**
   * What the processor stores for {@link #KEY} after the series, scored with {@code setup} and the
   * processor's default settings otherwise.
   */
  static byte[] generate(DetectorCatalog setup, Path stateDir) {
    Clock clock = Clock.fixed(time(EVENTS), ZoneOffset.UTC);
    try (TopologyTestDriver driver =
        TestDrivers.create(
            stateDir,
            clock,
            START,
            new SimpleMeterRegistry(),
            Map.of("vigil.processor.detector", setup.configName()))) {
      TestInputTopic<String, byte[]> events =
          driver.createInputTopic("events", new StringSerializer(), new ByteArraySerializer());
      List<double[]> series = TestEvents.seasonal(EVENTS, 1440, Map.of(SPIKE_AT, 40.0));
      for (int i = 0; i < series.size(); i++) {
        events.pipeInput(KEY, TestEvents.json(KEY, time(i), series.get(i)[0], "g-" + i), time(i));
      }
      return TestDrivers.models(driver).get(KEY);
    }
  }
}

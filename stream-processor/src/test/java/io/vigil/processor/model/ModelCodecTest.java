package io.vigil.processor.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.detect.ExpectedBand;
import io.vigil.detect.StateFormatException;
import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.detect.ewma.EwmaStateMapper;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.schemas.anomaly.Severity;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCodecTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  private final ModelCodec codec = new ModelCodec(new DetectorFactory(EwmaParameters.defaults()));

  @Test
  void shouldRoundTripTheStateOfEverySetup() {
    for (DetectorCatalog setup : DetectorCatalog.values()) {
      KeyScorer.Step<?> step = stepOf(setup);
      @SuppressWarnings("unchecked")
      KeyState<Object> state = (KeyState<Object>) step.state();
      ModelRecord record =
          new ModelRecord(
              setup.configName(),
              state,
              T,
              new LastAnomaly("id-1", T, 0.9999, Severity.HIGH),
              Map.of("value", new ExpectedBand(1.0, 0.5, 1.5)));

      ModelRecord decoded = codec.decode(codec.encode(record));

      assertThat(decoded.detector()).isEqualTo(setup.configName());
      assertThat(decoded.observations()).isEqualTo(1);
      assertThat(decoded.lastAnomaly()).isEqualTo(record.lastAnomaly());
      assertThat(decoded.expected()).isEqualTo(record.expected());
      assertThat(codec.encode(decoded)).as(setup.name()).isEqualTo(codec.encode(record));
      assertThat(codec.lastEventTime(codec.encode(record))).isEqualTo(T);
    }
  }

  private static <M> KeyScorer.Step<M> stepOf(DetectorCatalog setup) {
    @SuppressWarnings("unchecked")
    KeyScorer<M> scorer =
        new KeyScorer<>((io.vigil.detect.Detector<M>) setup.create(), ScoringPolicy.defaults());
    return scorer.score(scorer.newState(), Map.of("value", 1.0), T);
  }

  @Test
  void shouldLoadAFormat1RecordOfTheEwmaProcessor() throws IOException {
    EwmaState model =
        new EwmaDetector(EwmaParameters.defaults())
            .score(EwmaState.empty(), Map.of("value", 3.0), T)
            .model();
    byte[] modelBytes = new EwmaStateMapper().toBytes(model);
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      out.writeByte(0x7E);
      out.writeLong(T.getEpochSecond());
      out.writeInt(0);
      out.writeLong(42);
      out.writeUTF("ewma");
      out.writeBoolean(true);
      out.writeUTF("anomaly-7");
      out.writeLong(T.minusSeconds(60).getEpochSecond());
      out.writeInt(0);
      out.writeDouble(0.99999);
      out.writeUTF("low");
      out.writeInt(modelBytes.length);
      out.write(modelBytes);
    }

    ModelRecord record = codec.decode(buffer.toByteArray());

    assertThat(record.detector()).isEqualTo("ewma");
    assertThat(record.observations()).isEqualTo(42);
    assertThat(record.model()).isEqualTo(model);
    assertThat(record.state().lastAlert()).isEqualTo(T.minusSeconds(60));
    assertThat(record.lastAnomaly().id()).isEqualTo("anomaly-7");
    assertThat(record.lastEventTime()).isEqualTo(T);
  }

  @Test
  void shouldRefuseBytesThatAreNotAModelRecord() {
    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(StateFormatException.class);
  }
}

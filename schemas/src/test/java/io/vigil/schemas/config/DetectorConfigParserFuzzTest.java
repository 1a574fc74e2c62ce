package io.vigil.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.schemas.MessageSchema;
import io.vigil.schemas.SchemaFiles;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.validation.Formats;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzzing of {@link DetectorConfigParser}: regression over the seeds in {@code
 * DetectorConfigParserFuzzTestInputs} in every build, fuzzing with {@code JAZZER_FUZZ=1}. Whatever
 * the bytes: no exception, a rejection has a reason, and an accepted config keeps its rules,
 * satisfies {@code detector-config.schema.json} when written back, and is accepted under its own
 * pattern as record key and refused under another.
 */
class DetectorConfigParserFuzzTest {
  private static final DetectorConfigParser PARSER = new DetectorConfigParser();
  private static final SchemaFiles SCHEMAS = new SchemaFiles();

  @FuzzTest(maxDuration = "20s")
  void shouldRejectWithAReasonOrAcceptAValidConfig(byte[] input) {
    ParseResult<DetectorConfig> result = PARSER.parse(input);

    if (result instanceof ParseResult.Rejected<DetectorConfig> rejected) {
      assertThat(rejected.rejection().reason()).isNotBlank();
      return;
    }
    DetectorConfig config = ((ParseResult.Accepted<DetectorConfig>) result).value();
    assertThat(input.length).isLessThanOrEqualTo(DetectorConfigParser.MAX_BYTES);
    assertThat(Formats.length(config.pattern())).isBetween(1, KeyPattern.MAX_LENGTH);
    assertThat(Formats.isName(config.detector())).isTrue();
    assertThat(config.threshold()).isStrictlyBetween(0.0, 1.0);
    assertThat(config.suppression().isNegative()).isFalse();
    assertThat(config.parameters().values()).allMatch(Double::isFinite);
    String json =
        new String(JsonSerde.of(DetectorConfig.class).toBytes(config), StandardCharsets.UTF_8);
    assertThat(SCHEMAS.errors(MessageSchema.DETECTOR_CONFIG, json)).as(json).isEmpty();
    assertThat(PARSER.parse(config.pattern(), input)).isInstanceOf(ParseResult.Accepted.class);
    assertThat(PARSER.parse(config.pattern() + "-other", input))
        .isInstanceOf(ParseResult.Rejected.class);
  }
}

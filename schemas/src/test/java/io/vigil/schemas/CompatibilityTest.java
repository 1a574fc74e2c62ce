package io.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.Samples.SampleFile;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.serde.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The v1 sample messages under {@code samples/v1/} stay readable forever: a change that breaks one
 * of them is a new schema version, not an edit. Never change or delete a sample; add new ones.
 */
class CompatibilityTest {
  private static final SchemaFiles SCHEMAS = new SchemaFiles();

  static Stream<SampleFile> samples() {
    return Samples.valid();
  }

  private static Object accepted(ParseResult<?> result) {
    assertThat(result).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted<?>) result).value();
  }

  @ParameterizedTest
  @EnumSource(MessageSchema.class)
  void shouldKeepSamplesForEveryMessageType(MessageSchema schema) {
    assertThat(Samples.valid(schema)).hasSizeGreaterThanOrEqualTo(2);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldReadV1SampleThroughParserAndSerdeAlike(SampleFile sample) {
    Object parsed = accepted(Samples.parser(sample.schema()).parse(sample.bytes()));
    JsonSerde serde = JsonSerde.of(parsed.getClass());

    assertThat(serde.fromBytes(sample.bytes())).isEqualTo(parsed);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void shouldRewriteV1SampleIntoAValidV1Document(SampleFile sample) {
    Object parsed = accepted(Samples.parser(sample.schema()).parse(sample.bytes()));
    byte[] rewritten = ((JsonSerde) JsonSerde.of(parsed.getClass())).toBytes(parsed);

    assertThat(accepted(Samples.parser(sample.schema()).parse(rewritten))).isEqualTo(parsed);
    assertThat(SCHEMAS.errors(sample.schema(), new String(rewritten, StandardCharsets.UTF_8)))
        .isEmpty();
  }
}

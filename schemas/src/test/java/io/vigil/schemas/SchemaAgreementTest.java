package io.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.schemas.InvalidSamples.Sample;
import io.vigil.schemas.Samples.SampleFile;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.event.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample goes through both the Java parser and the JSON Schema file: they must agree, except
 * on the rules a schema cannot express (marked java-only), which only the parser enforces.
 */
class SchemaAgreementTest {
  private static final SchemaFiles SCHEMAS = new SchemaFiles();

  static Stream<SampleFile> validSamples() {
    return Samples.valid();
  }

  static Stream<Sample> invalidSamples() {
    return InvalidSamples.all();
  }

  static Stream<Sample> schemaExpressibleSamples() {
    return InvalidSamples.all().filter(s -> !s.javaOnly());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validSamples")
  void shouldAcceptValidSampleInJavaAndInTheSchema(SampleFile sample) {
    ParseResult<?> result = Samples.parser(sample.schema()).parse(sample.bytes());

    assertThat(result).isInstanceOf(ParseResult.Accepted.class);
    assertThat(SCHEMAS.errors(sample.schema(), new String(sample.bytes(), StandardCharsets.UTF_8)))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSamples")
  void shouldRejectInvalidSampleInJavaNamingTheField(Sample sample) {
    ParseResult<?> result =
        Samples.parser(sample.schema()).parse(sample.document().getBytes(StandardCharsets.UTF_8));

    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    Rejection rejection = ((ParseResult.Rejected<?>) result).rejection();
    assertThat(rejection.field()).isEqualTo(sample.field());
    assertThat(rejection.problem()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaExpressibleSamples")
  void shouldRejectInvalidSampleInTheSchemaToo(Sample sample) {
    assertThat(SCHEMAS.errors(sample.schema(), sample.document())).isNotEmpty();
  }
}

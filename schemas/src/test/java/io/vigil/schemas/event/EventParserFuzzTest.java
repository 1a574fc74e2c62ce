package io.vigil.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.schemas.MessageSchema;
import io.vigil.schemas.Samples;
import io.vigil.schemas.SchemaFiles;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.validation.Formats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Jazzer fuzzing of {@link EventParser#parse(byte[])}. In every build it runs over the seeds in
 * {@code src/test/resources/io/vigil/schemas/event/EventParserFuzzTestInputs} (the hostile corpus
 * and the v1 samples); {@code JAZZER_FUZZ=1} fuzzes it for {@code maxDuration} (see the README).
 * Whatever the bytes: no exception, a rejection has a reason, and an accepted event keeps every
 * limit and, written back, satisfies {@code event.schema.json}.
 */
class EventParserFuzzTest {
  private static final EventLimits LIMITS = EventLimits.defaults();
  private static final EventParser PARSER = new EventParser(LIMITS, Samples.CLOCK);
  private static final SchemaFiles SCHEMAS = new SchemaFiles();

  @FuzzTest(maxDuration = "20s")
  void shouldRejectWithAReasonOrAcceptAValidEvent(byte[] input) {
    ParseResult<Event> result = PARSER.parse(input);

    if (result instanceof ParseResult.Rejected<Event> rejected) {
      assertThat(rejected.rejection().reason()).isNotBlank();
      assertThat(RejectionKind.of(rejected.rejection())).isNotBlank();
      return;
    }
    Event event = ((ParseResult.Accepted<Event>) result).value();
    assertThat(input.length).isLessThanOrEqualTo(LIMITS.maxBytes());
    assertText(event.key(), LIMITS.maxKeyLength());
    Instant now = Samples.CLOCK.instant();
    assertThat(event.timestamp())
        .isBetween(now.minus(LIMITS.maxAge()), now.plus(LIMITS.maxFutureSkew()));
    assertThat(event.features()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxFeatures());
    event
        .features()
        .forEach(
            (name, value) -> {
              assertText(name, LIMITS.maxStringLength());
              assertThat(Double.isFinite(value)).as("%s finite", name).isTrue();
            });
    if (event.id() != null) {
      assertText(event.id(), LIMITS.maxStringLength());
    }
    assertThat(event.tags()).hasSizeLessThanOrEqualTo(LIMITS.maxTags());
    event
        .tags()
        .forEach(
            (name, value) -> {
              assertText(name, LIMITS.maxStringLength());
              assertThat(Formats.length(value)).isLessThanOrEqualTo(LIMITS.maxStringLength());
              assertUnicode(value);
            });
    String json = new String(JsonSerde.of(Event.class).toBytes(event), StandardCharsets.UTF_8);
    assertThat(SCHEMAS.errors(MessageSchema.EVENT, json)).as(json).isEmpty();
  }

  /** Not blank (names may be, so only length for them), within the limit, whole characters. */
  private static void assertText(String text, int maxLength) {
    assertThat(Formats.length(text)).isBetween(1, maxLength);
    assertUnicode(text);
  }

  private static void assertUnicode(String text) {
    // Encoding to UTF-8 and back is lossless only for text without lone surrogates.
    assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(text);
  }
}

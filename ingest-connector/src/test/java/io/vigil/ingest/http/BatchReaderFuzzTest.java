package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.event.EventParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Jazzer fuzzing of the ingest API's body reader, {@link BatchReader#split}, for both formats:
 * regression over the seeds in {@code BatchReaderFuzzTestInputs} in every build, fuzzing with
 * {@code JAZZER_FUZZ=1}. Whatever the body: an unreadable body or too many events is refused with a
 * reason (400 or 413), nothing else is thrown; a split body gives 1 to {@code MAX_EVENTS} pieces,
 * each a slice of the body that is one whole JSON value (array) or one line that is not JSON
 * whitespace only (NDJSON), and each piece is then parsed without an exception, as the API does.
 */
class BatchReaderFuzzTest {
  private static final int MAX_EVENTS = 100;
  private static final ObjectMapper STRICT =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final EventParser PARSER =
      new EventParser(EventLimits.defaults(), Clock.systemUTC());

  @FuzzTest(maxDuration = "20s")
  void shouldSplitAJsonArrayOrRefuseItWithAReason(byte[] body) throws IOException {
    List<byte[]> events = split(body, BatchFormat.JSON_ARRAY);
    for (byte[] event : events) {
      assertThat(STRICT.readTree(event).isMissingNode()).isFalse();
    }
  }

  @FuzzTest(maxDuration = "20s")
  void shouldSplitNdjsonOrRefuseItWithAReason(byte[] body) {
    for (byte[] event : split(body, BatchFormat.NDJSON)) {
      assertThat(event).doesNotContain((byte) '\n');
      // Blank as JSON has it (space, tab, CR): Java's isBlank also counts 0x1C-0x1F, which are
      // not JSON whitespace, so such a line is an event (and a malformed one).
      assertThat(new String(event, StandardCharsets.ISO_8859_1).replaceAll("[ \t\r]", ""))
          .isNotEmpty();
    }
  }

  /** The pieces, each a slice of the body and parsed once; empty when the body is refused. */
  private static List<byte[]> split(byte[] body, BatchFormat format) {
    if (body == null) {
      return List.of();
    }
    List<byte[]> events;
    try {
      events = BatchReader.split(body, format, MAX_EVENTS);
    } catch (BatchReader.UnreadableBodyException | BatchReader.TooManyEventsException e) {
      assertThat(e.getMessage()).isNotBlank();
      return List.of();
    }
    assertThat(events).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_EVENTS);
    for (byte[] event : events) {
      assertThat(event).isNotEmpty();
      assertThat(isSlice(body, event)).as("a slice of the body").isTrue();
      PARSER.parse(event);
    }
    return events;
  }

  private static boolean isSlice(byte[] body, byte[] part) {
    for (int i = 0; i + part.length <= body.length; i++) {
      if (java.util.Arrays.equals(body, i, i + part.length, part, 0, part.length)) {
        return true;
      }
    }
    return false;
  }
}

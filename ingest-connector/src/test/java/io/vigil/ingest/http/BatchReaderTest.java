package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchReaderTest {
  private static List<String> split(String body, BatchFormat format, int max) throws Exception {
    return BatchReader.split(body.getBytes(StandardCharsets.UTF_8), format, max).stream()
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void shouldSplitAJsonArrayIntoTheExactBytesOfEachElement() throws Exception {
    assertThat(split(" [ {\"a\": [1, {\"b\":2}]} ,\n\"x\", 3 ,{}] ", BatchFormat.JSON_ARRAY, 10))
        .containsExactly("{\"a\": [1, {\"b\":2}]}", "\"x\"", "3", "{}");
  }

  @Test
  void shouldSplitNdjsonAtLineFeedsKeepingMalformedLinesAndSkippingBlankOnes() throws Exception {
    assertThat(split("{\"a\":1}\r\n\n  \n{oops\n{\"b\":2}", BatchFormat.NDJSON, 10))
        .containsExactly("{\"a\":1}", "{oops", "{\"b\":2}");
  }

  @Test
  void shouldFindABodyUnreadableWhenEmptyMalformedOrNotAnArray() {
    for (String body : List.of("", "   ", "[{\"a\":1}", "[1,]x", "{\"a\":1}", "[1] 2", "[]")) {
      assertThatThrownBy(() -> split(body, BatchFormat.JSON_ARRAY, 10), body)
          .isInstanceOf(BatchReader.UnreadableBodyException.class);
    }
    assertThatThrownBy(() -> split("\n\n", BatchFormat.NDJSON, 10))
        .isInstanceOf(BatchReader.UnreadableBodyException.class);
  }

  @Test
  void shouldRefuseABodyInUtf16OrUtf32SayingJsonMustBeUtf8() {
    String batch = "[{\"key\":\"a\",\"timestamp\":0,\"value\":1}]";
    for (var charset :
        List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16)) {
      for (BatchFormat format : BatchFormat.values()) {
        assertThatThrownBy(() -> BatchReader.split(batch.getBytes(charset), format, 10))
            .isInstanceOf(BatchReader.UnreadableBodyException.class)
            .hasMessageContaining("not UTF-8: the body is UTF-16")
            .hasMessageContaining("JSON must be UTF-8");
      }
    }
    assertThatThrownBy(
            () ->
                BatchReader.split(
                    batch.getBytes(java.nio.charset.Charset.forName("UTF-32LE")),
                    BatchFormat.NDJSON,
                    10))
        .hasMessageContaining("UTF-32LE");
  }

  @Test
  void shouldRefuseMoreEventsThanAllowed() {
    assertThatThrownBy(() -> split("[1,2,3]", BatchFormat.JSON_ARRAY, 2))
        .isInstanceOf(BatchReader.TooManyEventsException.class);
    assertThatThrownBy(() -> split("1\n2\n3\n", BatchFormat.NDJSON, 2))
        .isInstanceOf(BatchReader.TooManyEventsException.class);
  }

  @Test
  void shouldTellTheFormatFromTheContentType() {
    assertThat(BatchFormat.of("application/json")).contains(BatchFormat.JSON_ARRAY);
    assertThat(BatchFormat.of("Application/JSON; charset=UTF-8")).contains(BatchFormat.JSON_ARRAY);
    assertThat(BatchFormat.of("application/x-ndjson")).contains(BatchFormat.NDJSON);
    assertThat(BatchFormat.of("application/ndjson")).contains(BatchFormat.NDJSON);
    assertThat(BatchFormat.of("application/json; charset=latin1")).isEmpty();
    assertThat(BatchFormat.of("text/plain")).isEmpty();
    assertThat(BatchFormat.of(null)).isEmpty();
  }
}

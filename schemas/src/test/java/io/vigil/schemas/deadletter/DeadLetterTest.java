package io.vigil.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  private final DeadLetter letter =
      new DeadLetter("processor.parse", "/value: must be a finite number", "events", 3, 12345L);

  @Test
  void shouldRoundTripThroughHeaders() {
    assertThat(DeadLetter.readFrom(letter.toHeaders())).isEqualTo(letter);
  }

  @Test
  void shouldReplaceEarlierDeadLetterHeadersAndKeepOthers() {
    Headers headers = new RecordHeaders();
    headers.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
    new DeadLetter("ingest", "old", "raw", 0, 1L).writeTo(headers);

    letter.writeTo(headers);

    assertThat(headers.headers(DeadLetter.REASON)).hasSize(1);
    assertThat(headers.lastHeader("traceparent")).isNotNull();
    assertThat(DeadLetter.readFrom(headers)).isEqualTo(letter);
  }

  @Test
  void shouldNameTheMissingHeader() {
    Headers headers = letter.toHeaders();
    headers.remove(DeadLetter.SOURCE_OFFSET);

    assertThatThrownBy(() -> DeadLetter.readFrom(headers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dead-letter header missing: vigil.dlq.source.offset");
  }

  @Test
  void shouldNameTheHeaderThatIsNotANumber() {
    Headers headers = letter.toHeaders();
    headers.remove(DeadLetter.SOURCE_PARTITION);
    headers.add(DeadLetter.SOURCE_PARTITION, "three".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> DeadLetter.readFrom(headers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dead-letter header vigil.dlq.source.partition is not a valid number: 'three'");
  }

  @Test
  void shouldKeepUnicodeReasons() {
    DeadLetter unicode = new DeadLetter("ingest", "/key: is 257 characters ✗", "events", 0, 0L);

    assertThat(DeadLetter.readFrom(unicode.toHeaders()).reason()).isEqualTo(unicode.reason());
  }
}

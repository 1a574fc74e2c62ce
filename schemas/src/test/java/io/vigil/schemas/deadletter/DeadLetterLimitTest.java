package io.vigil.schemas.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.junit.jupiter.api.Test;

class DeadLetterLimitTest {
  private static final DeadLetter LETTER =
      new DeadLetter("processor.parse", "payload is too large", "events", 2, 99L);
  private static final byte[] KEY = "host-1/cpu".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldEstimateTheSizeExactlyAsTheProducerDoes() {
    Headers headers = LETTER.toHeaders().add("traceparent", new byte[55]).add("empty", null);
    for (int length : new int[] {0, 1, 63, 64, 8191, 8192, 1_048_000}) {
      byte[] value = new byte[length];
      assertThat(DeadLetterLimit.size(KEY, value, headers))
          .as("value of %d bytes", length)
          .isEqualTo(
              AbstractRecords.estimateSizeInBytesUpperBound(
                  RecordBatch.CURRENT_MAGIC_VALUE,
                  CompressionType.NONE,
                  KEY,
                  value,
                  headers.toArray()));
    }
    assertThat(DeadLetterLimit.size(null, null, null))
        .isEqualTo(
            AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                (byte[]) null,
                null,
                new org.apache.kafka.common.header.Header[0]));
  }

  @Test
  void shouldSendTheFullCopyUpToTheLimitAndAStubOneByteAbove() {
    DeadLetterLimit limit = new DeadLetterLimit(100_000);
    Headers original = new RecordHeaders().add("traceparent", new byte[] {7});
    Headers withLetter = LETTER.writeTo(new RecordHeaders(original.toArray()));
    int overhead = DeadLetterLimit.size(KEY, new byte[0], withLetter);
    // A value length change of one byte can change its length varint too: find the exact edge.
    byte[] atLimit = new byte[100_000 - overhead - 2];
    assertThat(DeadLetterLimit.size(KEY, atLimit, withLetter)).isEqualTo(100_000);

    ProducerRecord<byte[], byte[]> full = limit.record("dlq", KEY, atLimit, original, LETTER);
    assertThat(full.value()).isSameAs(atLimit);
    assertThat(full.key()).isSameAs(KEY);
    assertThat(full.headers().lastHeader("traceparent").value()).containsExactly(7);
    assertThat(DeadLetter.readFrom(full.headers())).isEqualTo(LETTER);
    assertThat(DeadLetterLimit.isStub(full.headers())).isFalse();

    byte[] over = Arrays.copyOf(atLimit, atLimit.length + 1);
    ProducerRecord<byte[], byte[]> stub = limit.record("dlq", KEY, over, original, LETTER);
    assertThat(DeadLetterLimit.isStub(stub.headers())).isTrue();
    assertThat(stub.topic()).isEqualTo("dlq");
    assertThat(stub.key()).isEqualTo(KEY);
    assertThat(stub.value()).isEmpty();
    assertThat(stub.headers().lastHeader("traceparent")).as("original headers dropped").isNull();
    DeadLetter read = DeadLetter.readFrom(stub.headers());
    assertThat(read.stage()).isEqualTo(LETTER.stage());
    assertThat(read.sourceTopic()).isEqualTo("events");
    assertThat(read.sourcePartition()).isEqualTo(2);
    assertThat(read.sourceOffset()).isEqualTo(99L);
    assertThat(read.reason())
        .isEqualTo(
            "payload is too large [dead letter of 100001 bytes is over the limit of 100000:"
                + " value left out]");
    assertThat(header(stub.headers(), DeadLetterLimit.ORIGINAL_SIZE))
        .isEqualTo(Integer.toString(over.length));
    assertThat(header(stub.headers(), DeadLetterLimit.ORIGINAL_SHA256))
        .isEqualTo(DeadLetterLimit.sha256(over))
        .hasSize(64);
    assertThat(DeadLetterLimit.size(stub.key(), stub.value(), stub.headers())).isLessThan(2_000);
  }

  @Test
  void shouldLeaveOutAKeyTooLargeForAStub() {
    byte[] key = new byte[DeadLetterLimit.MAX_STUB_KEY_BYTES + 1];
    ProducerRecord<byte[], byte[]> stub =
        new DeadLetterLimit(4096).record("dlq", key, new byte[5000], null, LETTER);

    assertThat(stub.key()).isNull();
    assertThat(DeadLetter.readFrom(stub.headers()).reason()).endsWith("value and key left out]");
  }

  @Test
  void shouldDigestKnownBytes() {
    assertThat(DeadLetterLimit.sha256("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldTakeTheSmallerLimitAndKeepRoomForCompression() {
    assertThat(DeadLetterLimit.defaults().maxBytes()).isEqualTo(1_048_576);
    assertThat(DeadLetterLimit.of(2_000_000, 1_048_588, false).maxBytes()).isEqualTo(1_048_588);
    assertThat(DeadLetterLimit.of(64_000, 1_048_588, true).maxBytes()).isEqualTo(63_000);
    assertThatThrownBy(() -> new DeadLetterLimit(100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 4096");
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

package io.vigil.schemas.deadletter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.ByteUtils;

/**
 * The largest dead letter the producer and the broker will take, and what is sent when the full
 * copy would be larger. A record can be just under the broker's limit on the input topic and still
 * be too large once the dead-letter headers are added; sending it anyway would fail the write (and,
 * under exactly-once, the whole transaction) every time the record is read again. Such a record
 * becomes a stub: the dead-letter headers (reason, source position), the original value's size and
 * SHA-256 digest, the key when it is small, and an empty value.
 *
 * @param maxBytes largest record batch the dead letter may need, as the producer estimates it
 */
public record DeadLetterLimit(int maxBytes) {
  /** Kafka's default {@code max.request.size}. */
  public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;

  /** Kafka's default {@code message.max.bytes} (broker) and {@code max.message.bytes} (topic). */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

  /** Header naming the size in bytes of the original value, on stubs only. */
  public static final String ORIGINAL_SIZE = "vigil.dlq.original.size";

  /** Header with the hex SHA-256 digest of the original value, on stubs only. */
  public static final String ORIGINAL_SHA256 = "vigil.dlq.original.sha256";

  /** Keys up to this size stay on a stub; longer ones are left out (they may be the problem). */
  public static final int MAX_STUB_KEY_BYTES = 1024;

  // A record batch's fixed part (offsets, lengths, CRC, producer fields): Kafka's
  // RECORD_BATCH_OVERHEAD; the record's own length, attributes, timestamp and offset deltas: at
  // most MAX_RECORD_OVERHEAD. Together the producer's upper bound for a one-record batch.
  private static final int BATCH_OVERHEAD = 61;
  private static final int RECORD_OVERHEAD = 21;

  public DeadLetterLimit {
    if (maxBytes < 4096) {
      throw new IllegalArgumentException(
          "dead-letter limit must be at least 4096, was " + maxBytes);
    }
  }

  /**
   * The limit of a producer with {@code maxRequestSize} writing to a topic that takes batches of up
   * to {@code maxMessageBytes}. A compressed batch can come out slightly larger than its records
   * when they do not compress (framing), so with compression 1/64 is kept free.
   */
  public static DeadLetterLimit of(int maxRequestSize, int maxMessageBytes, boolean compressed) {
    int limit = Math.min(maxRequestSize, maxMessageBytes);
    return new DeadLetterLimit(compressed ? limit - limit / 64 : limit);
  }

  public static DeadLetterLimit defaults() {
    return of(DEFAULT_MAX_REQUEST_SIZE, DEFAULT_MAX_MESSAGE_BYTES, false);
  }

  /**
   * The dead letter for a record: its key and value unchanged with its headers plus the dead
   * letter's, or a stub when that would exceed the limit.
   */
  public ProducerRecord<byte[], byte[]> record(
      String topic, byte[] key, byte[] value, Headers headers, DeadLetter letter) {
    Headers full = headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
    letter.writeTo(full);
    int size = size(key, value, full);
    if (size <= maxBytes) {
      return new ProducerRecord<>(topic, null, key, value, full);
    }
    return stub(topic, key, value, letter, size);
  }

  /** Whether {@link #record} would send a stub instead of the full copy. */
  public static boolean isStub(Headers headers) {
    return headers.lastHeader(ORIGINAL_SHA256) != null;
  }

  private ProducerRecord<byte[], byte[]> stub(
      String topic, byte[] key, byte[] value, DeadLetter letter, int size) {
    boolean keepKey = key != null && key.length <= MAX_STUB_KEY_BYTES;
    String why =
        " [dead letter of "
            + size
            + " bytes is over the limit of "
            + maxBytes
            + ": value"
            + (keepKey || key == null ? "" : " and key")
            + " left out]";
    DeadLetter stubLetter =
        new DeadLetter(
            letter.stage(),
            letter.reason() + why,
            letter.sourceTopic(),
            letter.sourcePartition(),
            letter.sourceOffset());
    Headers headers = stubLetter.toHeaders();
    int length = value == null ? 0 : value.length;
    headers.add(ORIGINAL_SIZE, Integer.toString(length).getBytes(StandardCharsets.UTF_8));
    headers.add(ORIGINAL_SHA256, sha256(value).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(topic, null, keepKey ? key : null, new byte[0], headers);
  }

  /**
   * The producer's upper bound for a batch holding just this record (what it checks against {@code
   * max.request.size}); the broker's batch is at most this large when uncompressed.
   */
  public static int size(byte[] key, byte[] value, Headers headers) {
    int size = BATCH_OVERHEAD + RECORD_OVERHEAD + bytes(key) + bytes(value);
    Header[] all = headers == null ? new Header[0] : headers.toArray();
    size += ByteUtils.sizeOfVarint(all.length);
    for (Header header : all) {
      int nameLength = header.key().getBytes(StandardCharsets.UTF_8).length;
      size += ByteUtils.sizeOfVarint(nameLength) + nameLength + bytes(header.value());
    }
    return size;
  }

  private static int bytes(byte[] field) {
    return field == null ? 1 : ByteUtils.sizeOfVarint(field.length) + field.length;
  }

  static String sha256(byte[] value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(value == null ? new byte[0] : value));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

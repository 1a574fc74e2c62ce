package io.vigil.schemas.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.event.Rejection;
import java.io.IOException;

/**
 * Turns raw bytes or a JSON tree into a {@code T}, or into the {@link Rejection} that says which
 * field is wrong and why. It never throws on bad input: every problem is data.
 *
 * <p>Bytes are read strictly: a size limit before parsing, a nesting limit while parsing, no
 * duplicate names (they make a document mean different things to different readers), no trailing
 * content after the object. A leading UTF-8 byte order mark is ignored, as RFC 8259 allows. JSON
 * exchanged between systems is UTF-8 (RFC 8259 §8.1): UTF-16 and UTF-32, which the JSON library
 * would detect and read, are refused with a reason.
 */
public abstract class ValidatingParser<T> {
  /** Deeper documents are refused before they are built, so no input can exhaust the stack. */
  public static final int MAX_NESTING_DEPTH = 16;

  private final int maxBytes;
  private final ObjectMapper mapper;

  protected ValidatingParser(int maxBytes) {
    this.maxBytes = maxBytes;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(maxBytes)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Correctly rounded like Double.parseDouble, several times faster: every event's
            // numbers.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    this.mapper =
        JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  }

  /** Largest accepted document in bytes. */
  public int maxBytes() {
    return maxBytes;
  }

  public final ParseResult<T> parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return ParseResult.rejected("", "empty payload");
    }
    if (bytes.length > maxBytes) {
      return ParseResult.rejected(
          "", "payload is " + bytes.length + " bytes, limit is " + maxBytes);
    }
    String encoding = otherEncoding(bytes);
    if (encoding != null) {
      return ParseResult.rejected(
          "", "not UTF-8: the bytes are " + encoding + ", JSON must be UTF-8 (RFC 8259)");
    }
    try {
      return ParseResult.accepted(readDocument(bytes));
    } catch (StreamConstraintsException e) {
      return ParseResult.rejected(
          location(e), "document too deep or too large: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      // Jackson checks UTF-8 strictly (overlong forms, surrogates, beyond U+10FFFF): the same
      // "not UTF-8" as UTF-16 and UTF-32 get, so one counter label holds every wrong encoding.
      return ParseResult.rejected(
          location(e),
          (message != null && message.startsWith("Invalid UTF-8")
                  ? "not UTF-8: "
                  : "malformed JSON: ")
              + message);
    } catch (IOException e) {
      return ParseResult.rejected("", "unreadable: " + e.getMessage());
    } catch (IllegalArgumentException | NullPointerException e) {
      return rejection(e);
    }
  }

  public final ParseResult<T> parse(JsonNode node) {
    try {
      return ParseResult.accepted(read(Fields.of(node)));
    } catch (IllegalArgumentException | NullPointerException e) {
      return rejection(e);
    }
  }

  private static <T> ParseResult<T> rejection(RuntimeException e) {
    if (e instanceof InvalidFieldException invalid) {
      return new ParseResult.Rejected<>(invalid.rejection());
    }
    // A record invariant without a field of its own: still a reason, never a crash.
    return ParseResult.rejected("", String.valueOf(e.getMessage()));
  }

  /**
   * Reads a whole document from bytes already checked for size and encoding: as a tree, then
   * through {@link #read(Fields)}. A parser on the hot path reads tokens instead, from {@link
   * #tokens}, and must then check {@link #end} itself.
   */
  protected T readDocument(byte[] bytes) throws IOException {
    return read(Fields.of(mapper.readTree(bytes)));
  }

  /** A token stream over the bytes, with the same limits and strictness as the tree reader. */
  protected final JsonParser tokens(byte[] bytes) throws IOException {
    return mapper.createParser(bytes);
  }

  /** Refuses anything after the document's value, as the tree reader does. */
  protected static void end(JsonParser parser) throws IOException {
    JsonToken next = parser.nextToken();
    if (next != null) {
      throw new JsonParseException(
          parser, "Trailing token (of type " + next + ") found after the document: not allowed");
    }
  }

  /**
   * The UTF-16 or UTF-32 form the bytes are in, or null. By their byte order mark, or without one
   * by the zero bytes these encodings give the document's first character, which is ASCII in any
   * JSON text (RFC 4627 §3). A zero byte is never valid inside UTF-8 JSON, so nothing is lost.
   * Public for readers of whole bodies (the ingest API's batches), which must refuse the same.
   */
  public static String otherEncoding(byte[] b) {
    if (starts(b, 0x00, 0x00, 0xFE, 0xFF)
        || (b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0)) {
      return "UTF-32BE";
    }
    if (starts(b, 0xFF, 0xFE, 0x00, 0x00)
        || (b.length >= 4 && b[1] == 0 && b[2] == 0 && b[3] == 0)) {
      return "UTF-32LE";
    }
    if (starts(b, 0xFE, 0xFF) || (b.length >= 2 && b[0] == 0)) {
      return "UTF-16BE";
    }
    if (starts(b, 0xFF, 0xFE) || (b.length >= 2 && b[1] == 0)) {
      return "UTF-16LE";
    }
    return null;
  }

  private static boolean starts(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads the document's fields; throws {@link InvalidFieldException} at the first problem. */
  protected abstract T read(Fields document);

  /** Where in the document parsing stopped, as a JSON pointer. */
  private static String location(JsonProcessingException e) {
    if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
      return parser.getParsingContext().pathAsPointer().toString();
    }
    return "";
  }
}

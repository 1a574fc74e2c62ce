package io.vigil.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.schemas.validation.ValidatingParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a batch body into the bytes of each event, without interpreting them: each event is then
 * validated on its own by the schemas' {@code EventParser}, so one bad event never spoils its
 * neighbours. A JSON array is split with a streaming parser at element boundaries (a syntax error
 * anywhere makes the whole body unreadable: its element boundaries cannot be trusted); NDJSON is
 * split at line feeds (a malformed line is just a rejected event) and blank lines are skipped.
 */
public final class BatchReader {
  private static final JsonFactory JSON = new JsonFactory();

  private BatchReader() {}

  /** Thrown when the body as a whole cannot be read as a batch: answered with 400. */
  public static final class UnreadableBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableBodyException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The events of {@code body}, at most {@code maxEvents} of them.
   *
   * @throws UnreadableBodyException when the body is empty or not a readable batch
   * @throws TooManyEventsException when it holds more than {@code maxEvents}
   */
  public static List<byte[]> split(byte[] body, BatchFormat format, int maxEvents)
      throws UnreadableBodyException, TooManyEventsException {
    // Jackson would detect UTF-16/32 and read it; the contract is UTF-8, as for every parser.
    String encoding = ValidatingParser.otherEncoding(body);
    if (encoding != null) {
      throw new UnreadableBodyException(
          "not UTF-8: the body is " + encoding + ", JSON must be UTF-8 (RFC 8259)");
    }
    List<byte[]> events =
        format == BatchFormat.JSON_ARRAY ? array(body, maxEvents) : lines(body, maxEvents);
    if (events.isEmpty()) {
      throw new UnreadableBodyException("body holds no events");
    }
    return events;
  }

  /** Thrown when a batch holds more events than allowed: answered with 413. */
  public static final class TooManyEventsException extends Exception {
    private static final long serialVersionUID = 1L;

    TooManyEventsException(int maxEvents) {
      super("more than " + maxEvents + " events in one request", null, false, false);
    }
  }

  private static List<byte[]> array(byte[] body, int maxEvents)
      throws UnreadableBodyException, TooManyEventsException {
    List<byte[]> events = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UnreadableBodyException("empty body");
      }
      if (first != JsonToken.START_ARRAY) {
        throw new UnreadableBodyException(
            "application/json body must be a JSON array of events (or send application/x-ndjson)");
      }
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == null) {
          throw new UnreadableBodyException("malformed JSON: array not closed");
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        parser.finishToken(); // a string's end is only known once it is read
        int end = (int) parser.currentLocation().getByteOffset();
        if (events.size() == maxEvents) {
          throw new TooManyEventsException(maxEvents);
        }
        events.add(Arrays.copyOfRange(body, start, end));
      }
      if (parser.nextToken() != null) {
        throw new UnreadableBodyException("malformed JSON: content after the array");
      }
    } catch (JsonProcessingException e) {
      throw new UnreadableBodyException("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UnreadableBodyException("unreadable body: " + e.getMessage());
    }
    return events;
  }

  private static List<byte[]> lines(byte[] body, int maxEvents) throws TooManyEventsException {
    List<byte[]> events = new ArrayList<>();
    int start = 0;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      int last = end > start && body[end - 1] == '\r' ? end - 1 : end;
      if (!blank(body, start, last)) {
        if (events.size() == maxEvents) {
          throw new TooManyEventsException(maxEvents);
        }
        events.add(Arrays.copyOfRange(body, start, last));
      }
      start = end + 1;
    }
    return events;
  }

  private static boolean blank(byte[] body, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}

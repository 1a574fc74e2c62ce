package io.vigil.schemas.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Reads numeric timestamps as epoch milliseconds, as the v1 schemas define them, also when written
 * as {@code 1.7145648E12}; Jackson's own reader takes a number with a fraction or exponent for
 * seconds. Strings go to Jackson's ISO-8601 reader.
 */
final class InstantReader extends StdScalarDeserializer<Instant> {
  InstantReader() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
      return Instant.ofEpochMilli(parser.getLongValue());
    }
    if (parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
      BigDecimal millis = parser.getDecimalValue();
      try {
        return Instant.ofEpochMilli(millis.longValueExact());
      } catch (ArithmeticException e) {
        return (Instant)
            context.handleWeirdNumberValue(
                Instant.class,
                parser.getNumberValue(),
                "epoch milliseconds must be a whole number within range");
      }
    }
    return InstantDeserializer.INSTANT.deserialize(parser, context);
  }
}

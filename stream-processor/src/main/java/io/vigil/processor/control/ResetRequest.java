package io.vigil.processor.control;

import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.ValidatingParser;
import java.util.Objects;

/**
 * An operator's request, on the {@code model-resets} topic (keyed by the pattern), to start the
 * models of every key matching {@code pattern} afresh: {@code
 * {"pattern":"host-7/cpu","by":"alice"}}. A pattern without wildcards names one key.
 *
 * @param pattern a {@link KeyPattern} glob, or one series key
 * @param by who asked, for the log
 */
public record ResetRequest(String pattern, String by) {
  /** Largest accepted request. */
  public static final int MAX_BYTES = 4 * 1024;

  public ResetRequest {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(by, "by");
    KeyPattern.of(pattern);
  }

  public KeyPattern keyPattern() {
    return KeyPattern.of(pattern);
  }

  /** True when the pattern names exactly one key: the request concerns one task only. */
  public boolean singleKey() {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /** Reads a request of the topic; its record key must be its pattern. */
  public static ParseResult<ResetRequest> parse(String recordKey, byte[] value) {
    ParseResult<ResetRequest> result = new Parser().parse(value);
    if (result instanceof ParseResult.Accepted<ResetRequest> accepted
        && !accepted.value().pattern().equals(recordKey)) {
      return ParseResult.rejected("/pattern", "must equal the record key");
    }
    return result;
  }

  private static final class Parser extends ValidatingParser<ResetRequest> {
    Parser() {
      super(MAX_BYTES);
    }

    @Override
    protected ResetRequest read(Fields document) {
      return new ResetRequest(
          document.text("pattern", KeyPattern.MAX_LENGTH), document.text("by", 64));
    }
  }
}

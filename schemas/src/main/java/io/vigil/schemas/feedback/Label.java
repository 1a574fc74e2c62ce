package io.vigil.schemas.feedback;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A person's verdict on an anomaly; serialised in lower case. */
public enum Label {
  CONFIRMED,
  FALSE_POSITIVE;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

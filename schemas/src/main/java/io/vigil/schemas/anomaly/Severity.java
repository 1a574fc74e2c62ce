package io.vigil.schemas.anomaly;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How urgent an anomaly is; serialised in lower case. */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

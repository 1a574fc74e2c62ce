package io.vigil.processor.config;

import java.util.Locale;

/** Kafka Streams processing guarantees Vigil supports; the wire value is the enum in lower case. */
public enum ProcessingGuarantee {
  EXACTLY_ONCE_V2,
  AT_LEAST_ONCE;

  /** The value of Kafka Streams' {@code processing.guarantee}. */
  public String streamsValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.vigil.schemas.anomaly;

/** Where the event that caused an anomaly was read from. */
public record SourcePosition(String topic, int partition, long offset) {}

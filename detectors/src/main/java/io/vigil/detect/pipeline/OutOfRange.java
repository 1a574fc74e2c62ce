package io.vigil.detect.pipeline;

/** What a value outside its feature's physical range ({@link FeatureRule#min()}..max) makes. */
public enum OutOfRange {
  /** Always an anomaly (critical, score 1), whatever the model says and even in warm-up. */
  ANOMALY,
  /** Never scored: the event is dead-lettered with the reason. */
  DEAD_LETTER
}

package io.vigil.processor.topology;

import io.vigil.processor.score.ScoringInput;

/** What the parse step makes of an input record: an event to score, or bytes to dead-letter. */
sealed interface Parsed {

  /**
   * @param placed whether the record was read from the partition that owns its key ({@link
   *     Placement}), so it is scored without the repartition hop
   */
  record Valid(ScoringInput input, boolean placed) implements Parsed {}

  /**
   * The dead letter's key and value: the original bytes, unchanged (or a stub's, when the original
   * is too large to dead-letter); the reason travels in the record's dead-letter headers.
   */
  record Invalid(byte[] key, byte[] value) implements Parsed {}
}

package io.vigil.processor.query;

import io.vigil.processor.model.LastAnomaly;
import java.time.Instant;
import java.util.Map;

/**
 * What {@code GET /v1/models/<key>} returns: the committed model of a key.
 *
 * @param detector the detector of the stored model
 * @param pattern the detector-config pattern the key resolves to now ({@code *} also for the
 *     built-in default)
 * @param observations events scored into the model
 * @param lastEventTime latest event time scored
 * @param lastAnomaly the last anomaly emitted, or null
 * @param features per feature: baseline (the expected value) and normal band at the latest event,
 *     as the key's detector setup judged it
 */
public record ModelSummary(
    String key,
    String detector,
    String pattern,
    long observations,
    Instant lastEventTime,
    LastAnomaly lastAnomaly,
    Map<String, Feature> features) {

  /** One feature's baseline (expected value) and normal band. */
  public record Feature(double baseline, double lower, double upper) {}
}

package io.vigil.processor.query;

import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.model.ModelCodec;
import io.vigil.processor.model.ModelRecord;
import java.util.Map;
import java.util.TreeMap;

/** Turns a stored model into the {@link ModelSummary} the query endpoint returns. */
public final class ModelSummaries {
  private final ModelCodec codec;
  private final KeySettingsRegistry settings;

  public ModelSummaries(ModelCodec codec, KeySettingsRegistry settings) {
    this.codec = codec;
    this.settings = settings;
  }

  /**
   * @throws io.vigil.detect.StateFormatException if the bytes cannot be read
   */
  public ModelSummary of(String key, byte[] bytes) {
    ModelRecord record = codec.decode(bytes);
    Map<String, ModelSummary.Feature> features = new TreeMap<>();
    record
        .expected()
        .forEach(
            (name, expected) ->
                features.put(
                    name,
                    new ModelSummary.Feature(
                        expected.value(), expected.lower(), expected.upper())));
    return new ModelSummary(
        key,
        record.detector(),
        settings.resolve(key).pattern(),
        record.observations(),
        record.lastEventTime(),
        record.lastAnomaly(),
        features);
  }
}

package io.vigil.processor.query;

import io.vigil.detect.ewma.EwmaDetector;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.ewma.EwmaState;
import io.vigil.processor.detector.DetectorSettings;
import io.vigil.processor.model.ModelCodec;
import io.vigil.processor.model.ModelRecord;
import java.util.Map;
import java.util.TreeMap;

/** Turns a stored model into the {@link ModelSummary} the query endpoint returns. */
public final class ModelSummaries {
  private final ModelCodec codec;
  private final DetectorSettings settings;

  public ModelSummaries(ModelCodec codec, DetectorSettings settings) {
    this.codec = codec;
    this.settings = settings;
  }

  /**
   * @throws io.vigil.detect.StateFormatException if the bytes cannot be read
   */
  public ModelSummary of(String key, byte[] bytes) {
    ModelRecord record = codec.decode(bytes);
    return new ModelSummary(
        key,
        record.detector(),
        settings.resolve(key).pattern(),
        record.observations(),
        record.lastEventTime(),
        record.lastAnomaly(),
        features(key, record.model()));
  }

  private Map<String, ModelSummary.Feature> features(String key, Object model) {
    Map<String, ModelSummary.Feature> features = new TreeMap<>();
    if (model instanceof EwmaState ewma) {
      double k =
          settings.resolve(key).detector().detector() instanceof EwmaDetector detector
              ? detector.parameters().bandSigmas()
              : EwmaParameters.DEFAULT_BAND_SIGMAS;
      ewma.features()
          .forEach(
              (name, stats) -> {
                double sigma = Math.sqrt(stats.variance());
                features.put(
                    name,
                    new ModelSummary.Feature(
                        stats.mean(),
                        stats.mean() - k * sigma,
                        stats.mean() + k * sigma,
                        sigma,
                        stats.count()));
              });
    }
    return features;
  }
}

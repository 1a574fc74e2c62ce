package io.vigil.processor.score;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Scored;
import io.vigil.processor.detector.DetectorSettings;
import io.vigil.processor.detector.KeySettings;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.model.LastAnomaly;
import io.vigil.processor.model.ModelCacheStore;
import io.vigil.processor.model.ModelRecord;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.score.Score;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Scores every event against its series' model with the key's current {@link KeySettings}, keeps
 * the updated model in the {@link ModelCacheStore}, and forwards an {@link Anomaly} when the alert
 * policy says so and the key is not within its suppression window; with scores on, also every
 * event's {@link Score}. Records must be keyed by series key (the topology repartitions them
 * first), so each series' model lives in exactly one task.
 *
 * <p>Idle keys: a punctuation on stream time deletes, a bounded chunk at a time, the models whose
 * last event is older than the TTL.
 */
public final class ScoringProcessor implements FixedKeyProcessor<String, ScoringInput, Scoring> {
  /** The persistent, changelogged store of models, keyed by series key. */
  public static final String MODEL_STORE = "models";

  /** Stored models looked at per TTL punctuation. */
  static final int TTL_SCAN_CHUNK = 1_000;

  private final DetectorSettings settings;
  private final ScoringOptions options;
  private final Clock clock;
  private final ProcessorMetrics metrics;
  private FixedKeyProcessorContext<String, Scoring> context;
  private ModelCacheStore models;

  public ScoringProcessor(
      DetectorSettings settings, ScoringOptions options, Clock clock, ProcessorMetrics metrics) {
    this.settings = settings;
    this.options = options;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Scoring> context) {
    this.context = context;
    this.models = ModelCacheStore.unwrap(context.getStateStore(MODEL_STORE));
    // A recycled store may have been a standby's: only what is stored now is current.
    models.clearCache();
    context.schedule(options.ttlScanInterval(), PunctuationType.STREAM_TIME, this::evictIdle);
  }

  private void evictIdle(long streamTime) {
    int evicted =
        models.evictIdle(Instant.ofEpochMilli(streamTime).minus(options.ttl()), TTL_SCAN_CHUNK);
    if (evicted > 0) {
      metrics.modelsEvicted(evicted);
    }
  }

  @Override
  public void process(FixedKeyRecord<String, ScoringInput> record) {
    ScoringInput input = record.value();
    Event event = input.event();
    KeySettings keySettings = settings.resolve(event.key());
    ModelRecord current = models.model(event.key());
    Object model;
    if (current == null) {
      model = keySettings.detector().newModel();
    } else if (!current.detector().equals(keySettings.detector().name())) {
      // Another detector's model means nothing to this one: start afresh, with a warm-up.
      metrics.modelReset("detector_changed");
      current = null;
      model = keySettings.detector().newModel();
    } else {
      model = current.model();
    }
    Scored<Object> scored =
        keySettings.detector().score(model, event.features(), event.timestamp());
    Optional<AlertLevel> level = keySettings.policy().evaluate(scored.assessment());
    LastAnomaly last = current == null ? null : current.lastAnomaly();
    boolean suppressed = level.isPresent() && suppressed(last, event.timestamp(), keySettings);
    Instant lastEventTime =
        current == null || event.timestamp().isAfter(current.lastEventTime())
            ? event.timestamp()
            : current.lastEventTime();
    Instant now = clock.instant();
    if (level.isPresent() && !suppressed) {
      Anomaly anomaly =
          Anomalies.of(
              input,
              scored.assessment(),
              level.get(),
              keySettings.detector().name(),
              keySettings.detector().modelVersion(),
              now);
      last =
          new LastAnomaly(anomaly.id(), anomaly.timestamp(), anomaly.score(), anomaly.severity());
      context.forward(record.withValue(new Scoring.Alert(anomaly)));
      metrics.anomalyEmitted(anomaly.severity());
    } else if (suppressed) {
      metrics.anomalySuppressed();
    }
    long observations = current == null ? 1 : current.observations() + 1;
    models.update(
        event.key(),
        new ModelRecord(
            keySettings.detector().name(), scored.model(), lastEventTime, observations, last));
    if (options.scoresEnabled()) {
      Score score =
          new Score(
              event.key(),
              event.timestamp(),
              now,
              scored.assessment().score(),
              scored.assessment().rawScore(),
              keySettings.detector().name(),
              level.isPresent(),
              event.features(),
              input.source());
      context.forward(record.withValue(new Scoring.Scored(score)));
    }
    metrics.eventScored();
  }

  /** Within the suppression window that the key's last emitted anomaly opened (event time). */
  private static boolean suppressed(LastAnomaly last, Instant time, KeySettings settings) {
    Duration window = settings.suppression();
    return last != null
        && !window.isZero()
        && time.isBefore(last.timestamp().plus(window))
        && !time.isBefore(last.timestamp());
  }
}

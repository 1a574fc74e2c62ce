package io.vigil.processor.score;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.event.Event;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Scores every event against its series' model, stores the updated model, and forwards an {@link
 * Anomaly} when the alert policy says so. Records must be keyed by series key (the topology
 * repartitions them first), so each series' model lives in exactly one task.
 */
public final class ScoringProcessor<M> implements FixedKeyProcessor<String, ScoringInput, Anomaly> {
  /** The persistent, changelogged store of serialised models, keyed by series key. */
  public static final String MODEL_STORE = "models";

  private final Detector<M> detector;
  private final AlertPolicy policy;
  private final Clock clock;
  private final ProcessorMetrics metrics;
  private FixedKeyProcessorContext<String, Anomaly> context;
  private ModelStore<M> models;

  private ScoringProcessor(
      Detector<M> detector, AlertPolicy policy, Clock clock, ProcessorMetrics metrics) {
    this.detector = detector;
    this.policy = policy;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** A supplier that also declares the model store, so the topology connects it. */
  public static <M> FixedKeyProcessorSupplier<String, ScoringInput, Anomaly> supplier(
      Detector<M> detector, AlertPolicy policy, Clock clock, ProcessorMetrics metrics) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, ScoringInput, Anomaly> get() {
        return new ScoringProcessor<>(detector, policy, clock, metrics);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(modelStore());
      }
    };
  }

  /** RocksDB, changelogged (so a crash or rebalance restores it), record cache in front. */
  static StoreBuilder<KeyValueStore<String, byte[]>> modelStore() {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MODEL_STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingEnabled(Map.of())
        .withCachingEnabled();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Anomaly> context) {
    this.context = context;
    KeyValueStore<String, byte[]> store = context.getStateStore(MODEL_STORE);
    this.models = new ModelStore<>(store, detector.mapper(), detector::newModel, metrics);
  }

  @Override
  public void process(FixedKeyRecord<String, ScoringInput> record) {
    ScoringInput input = record.value();
    Event event = input.event();
    Scored<M> scored =
        detector.score(models.load(event.key()), event.features(), event.timestamp());
    models.save(event.key(), scored.model());
    policy
        .evaluate(scored.assessment())
        .ifPresent(
            level -> {
              Anomaly anomaly =
                  Anomalies.of(
                      input,
                      scored.assessment(),
                      level,
                      detector.name(),
                      detector.mapper().version(),
                      clock.instant());
              context.forward(record.withValue(anomaly));
              metrics.anomalyEmitted(anomaly.severity());
            });
    metrics.eventScored();
  }
}

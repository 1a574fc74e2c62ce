package io.vigil.processor.score;

import io.vigil.detect.pipeline.Decision;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.processor.detector.KeySettings;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.processor.metrics.ModelStoreMetrics;
import io.vigil.processor.metrics.ModelStoreMetrics.ModelReset;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.metrics.ScoringMetrics;
import io.vigil.processor.model.LastAnomaly;
import io.vigil.processor.model.ModelCacheStore;
import io.vigil.processor.model.ModelRecord;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.SourcePosition;
import io.vigil.schemas.deadletter.DeadLetter;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Scores every event through its key's current detector setup ({@link KeySettings}: the same {@link
 * KeyScorer} the NAB harness runs — model, calibration, warm-up, threshold, severity, suppression),
 * keeps the key's updated state in the {@link ModelCacheStore}, and forwards an {@link Anomaly}
 * when the scorer alerts; with scores on, also every event's {@link Score}. Records must be keyed
 * by series key and reach the task that owns the key (the topology reroutes the others through the
 * repartition), so each series' model lives in exactly one task.
 *
 * <p>Idle keys: a punctuation on stream time deletes, a bounded chunk at a time, the models whose
 * last event is older than the TTL.
 */
public final class ScoringProcessor implements FixedKeyProcessor<String, ScoringInput, Scoring> {
  /** The persistent, changelogged store of models, keyed by series key. */
  public static final String MODEL_STORE = "models";

  /** Dead-letter stage of events a rule rejects. */
  static final String STAGE = "processor.score";

  /** Dead-letter reason kind of a value outside its feature's physical range. */
  static final String OUT_OF_RANGE = "out_of_range";

  private final JsonSerde<Event> events = JsonSerde.of(Event.class);

  /** Stored models looked at per TTL punctuation. */
  static final int TTL_SCAN_CHUNK = 1_000;

  private final KeySettingsRegistry settings;
  private final ScoringOptions options;
  private final Clock clock;
  private final ScoringMetrics metrics;
  private final ModelStoreMetrics modelMetrics;
  private final ErrorMetrics errors;
  private AtomicLong activeModels;
  private FixedKeyProcessorContext<String, Scoring> context;
  private ModelCacheStore models;
  private int partition;

  public ScoringProcessor(
      KeySettingsRegistry settings, ScoringOptions options, Clock clock, ProcessorMetrics metrics) {
    this.settings = settings;
    this.options = options;
    this.clock = clock;
    this.metrics = metrics.scoring();
    this.modelMetrics = metrics.models();
    this.errors = metrics.errors();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Scoring> context) {
    this.context = context;
    this.models = ModelCacheStore.unwrap(context.getStateStore(MODEL_STORE));
    // A recycled store may have been a standby's: only what is stored now is current.
    models.clearCache();
    partition = context.taskId().partition();
    activeModels = modelMetrics.activeModelCount(partition);
    activeModels.set(models.approximateNumEntries());
    modelMetrics.activeModels(partition, activeModels);
    // The repartition topic has as many partitions as the events topic: this pre-registers all.
    metrics.scoredCounter(partition);
    context.schedule(options.ttlScanInterval(), PunctuationType.STREAM_TIME, this::evictIdle);
  }

  private void evictIdle(long streamTime) {
    int evicted =
        models.evictIdle(Instant.ofEpochMilli(streamTime).minus(options.ttl()), TTL_SCAN_CHUNK);
    if (evicted > 0) {
      modelMetrics.modelsEvicted(evicted);
      activeModels.addAndGet(-evicted);
    }
  }

  @Override
  public void close() {
    modelMetrics.forgetActiveModels(partition);
  }

  @Override
  public void process(FixedKeyRecord<String, ScoringInput> record) {
    ScoringInput input = record.value();
    Event event = input.event();
    KeySettings setup = settings.resolve(event.key());
    ModelRecord current = models.model(event.key());
    if (current == null) {
      activeModels.incrementAndGet();
    } else if (!current.detector().equals(setup.detector())) {
      // Another setup's state means nothing to this one: start afresh, with a warm-up.
      modelMetrics.modelReset(ModelReset.DETECTOR_CHANGED);
      current = null;
    }
    if (current == null) {
      modelMetrics.modelStarted();
    }
    KeyState<Object> state = current == null ? setup.scorer().newState() : current.state();
    ScoringMetrics.Setup setupMetrics = metrics.setup(setup.detector());
    long started = System.nanoTime();
    KeyScorer.Step<Object> step = setup.scorer().score(state, event.features(), event.timestamp());
    setupMetrics.detectionDuration(System.nanoTime() - started);
    Decision decision = step.decision();
    if (decision.rejected()) {
      reject(record, input, decision.rejection());
      return;
    }
    if (!decision.warmingUp()) {
      setupMetrics.score(decision.score());
    }
    LastAnomaly last = current == null ? null : current.lastAnomaly();
    Instant lastEventTime =
        current == null || event.timestamp().isAfter(current.lastEventTime())
            ? event.timestamp()
            : current.lastEventTime();
    Instant now = clock.instant();
    if (decision.alerts()) {
      Anomaly anomaly =
          Anomalies.of(
              input,
              decision.assessment(),
              decision.level().orElseThrow(),
              decision.detector(),
              setup.modelVersion(),
              now,
              decision.maintenance());
      last =
          new LastAnomaly(anomaly.id(), anomaly.timestamp(), anomaly.score(), anomaly.severity());
      context.forward(record.withValue(new Scoring.Alert(anomaly)));
      metrics.anomalyEmitted(anomaly.severity(), anomaly.detector(), input.source().partition());
    } else if (decision.suppressed()) {
      metrics.anomalySuppressed(decision.suppression());
    }
    models.update(
        event.key(),
        new ModelRecord(
            setup.detector(), step.state(), lastEventTime, last, decision.assessment().expected()));
    if (options.scoresEnabled()) {
      Score score =
          new Score(
              event.key(),
              event.timestamp(),
              now,
              decision.score(),
              decision.assessment().rawScore(),
              decision.detector(),
              decision.level().isPresent(),
              event.features(),
              Anomalies.expected(decision.assessment()),
              input.source(),
              decision.warmingUp(),
              decision.suppressed());
      context.forward(record.withValue(new Scoring.EventScore(score)));
    }
    int source = input.source().partition();
    metrics.eventScored(source);
    metrics.endToEndLatency(source, event.timestamp(), input.ingestedAt(), now);
  }

  /**
   * A value outside its physical range, with the rule to dead-letter it: the key keeps its state.
   */
  private void reject(FixedKeyRecord<String, ScoringInput> record, ScoringInput input, String why) {
    SourcePosition source = input.source();
    DeadLetter letter =
        new DeadLetter(STAGE, why, source.topic(), source.partition(), source.offset());
    errors.deadLetter(STAGE, OUT_OF_RANGE, source.partition());
    context.forward(
        record
            .withHeaders(letter.writeTo(new RecordHeaders(record.headers().toArray())))
            .withValue(new Scoring.Rejected(events.toBytes(input.event()))));
  }
}

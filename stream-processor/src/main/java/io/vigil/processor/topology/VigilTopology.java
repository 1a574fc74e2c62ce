package io.vigil.processor.topology;

import io.vigil.processor.config.ProcessorConfig;
import io.vigil.processor.config.StreamsProperties;
import io.vigil.processor.control.ModelResetProcessor;
import io.vigil.processor.control.ResetPartitioner;
import io.vigil.processor.control.ResetRequest;
import io.vigil.processor.detector.DetectorConfigProcessor;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.processor.detector.KeySettings;
import io.vigil.processor.detector.KeySettingsRegistry;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.processor.model.ModelCacheStoreBuilder;
import io.vigil.processor.model.ModelCodec;
import io.vigil.processor.score.Scoring;
import io.vigil.processor.score.ScoringInput;
import io.vigil.processor.score.ScoringOptions;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.processor.silence.SilenceWatch;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.config.KeyPattern;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Vigil's stream topology, pure wiring:
 *
 * <pre>
 * events (raw key and value bytes)
 *   → parse, once: valid → re-keyed by the body's series key, with the source position in the value
 *                  invalid → events-dlq, original key and bytes, dead-letter headers (a
 *                            stub when that is too large for the topic)
 *   → valid, read from the partition that owns the key ({@link Placement}) → score
 *   → valid, read elsewhere → repartition by series key, binary ({@link ScoringInputSerde};
 *       {@code <application.id>-events-by-key-repartition}) → score
 *   → score against the model in the "models" store (RocksDB, changelogged)
 *   → anomalies (JSON), keyed by series key
 *   → scores (JSON, every event's score; only when enabled)
 * detector-config (compacted) → global store "detector-configs" → per-key detector settings
 * </pre>
 *
 * <p>Events that producers keyed with the series key through Java's default partitioner are scored
 * in the task that read them; only the others pay for the write and read of the repartition. Both
 * paths end in one scoring node, so the events topic and the repartition topic are sources of one
 * sub-topology: task {@code p} reads partition {@code p} of both, and the repartition topic has
 * exactly {@link Placement#partitions()} partitions, the events topic's count, so the partition the
 * repartition sends a key to is the partition whose direct events that task scores.
 */
public final class VigilTopology {
  /** Name of the repartition step; Kafka Streams adds the application id and "-repartition". */
  public static final String REPARTITION = "events-by-key";

  /**
   * Name of the step that routes reset requests to the tasks owning their keys (all tasks for a
   * pattern), on the scoring sub-topology's partitions.
   */
  public static final String RESETS = "model-resets-by-owner";

  /** Event time between two looks for silent keys. */
  static final Duration SILENCE_SCAN = Duration.ofSeconds(5);

  private VigilTopology() {}

  public static Topology build(
      ProcessorConfig config, Clock clock, ProcessorMetrics metrics, Placement placement) {
    return build(config, clock, metrics, detectorSettings(config), placement);
  }

  /** The detector settings the topology's config processor updates and its scorers read. */
  public static KeySettingsRegistry detectorSettings(ProcessorConfig config) {
    return new KeySettingsRegistry(new DetectorFactory(config.ewma()), defaults(config));
  }

  /**
   * @param placement the partitions of the events topic, which the scoring tasks and the
   *     repartition topic match
   */
  public static Topology build(
      ProcessorConfig config,
      Clock clock,
      ProcessorMetrics metrics,
      KeySettingsRegistry settings,
      Placement placement) {
    return build(config, clock, metrics, settings, placement, Sources.of(config.topics()));
  }

  /**
   * @param sources where events and detector configs are read, and which events are scored; every
   *     other topic comes from the config's prefix
   */
  public static Topology build(
      ProcessorConfig config,
      Clock clock,
      ProcessorMetrics metrics,
      KeySettingsRegistry settings,
      Placement placement,
      Sources sources) {
    Topics topics = config.topics();
    EventParser parser = new EventParser(config.eventLimits(), clock);
    DetectorFactory factory = settings.factory();
    ScoringOptions options = ScoringOptions.of(config.scoresEnabled(), config.modelTtl());
    Topic<String, byte[]> deadLetters = topics.eventsDeadLetter();
    Topic<String, Anomaly> anomalies = topics.anomalies();

    StreamsBuilder builder =
        new StreamsBuilder(
            new TopologyConfig(new StreamsConfig(StreamsProperties.of(config, metrics.errors()))));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetectorConfigProcessor.STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled(),
        sources.detectorConfig(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("detector-config-source"),
        () -> new DetectorConfigProcessor(settings, metrics.scoring()));
    builder.addStateStore(
        new ModelCacheStoreBuilder(
            ScoringProcessor.MODEL_STORE,
            new ModelCodec(factory),
            config.modelCacheSize(),
            metrics.models()));

    KStream<byte[], byte[]> events =
        builder.stream(
            sources.events(),
            Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withTimestampExtractor(new RecordOrPartitionTime())
                .withName("events-source"));
    if (sources.eventFilter().isPresent()) {
      events = events.processValues(sources.eventFilter().get(), Named.as("events-filter"));
    }
    Map<String, KStream<String, Parsed>> parsed =
        events
            .process(
                () -> new ParseProcessor(parser, metrics.scoring(), metrics.errors(), placement),
                Named.as("parse"))
            .split(Named.as("parsed-"))
            .branch((key, value) -> value instanceof Parsed.Invalid, Branched.as("invalid"))
            .branch((key, value) -> !((Parsed.Valid) value).placed(), Branched.as("misplaced"))
            .defaultBranch(Branched.as("placed"));

    parsed
        .get("parsed-invalid")
        .map(
            (key, value) ->
                KeyValue.pair(((Parsed.Invalid) value).key(), ((Parsed.Invalid) value).value()),
            Named.as("original-bytes"))
        .to(
            deadLetters.name(),
            Produced.with(Serdes.ByteArray(), deadLetters.valueSerde())
                .withName("events-dlq-sink"));

    KStream<String, ScoringInput> rerouted =
        parsed
            .get("parsed-misplaced")
            .mapValues(value -> ((Parsed.Valid) value).input(), Named.as("rerouted-input"))
            .repartition(
                Repartitioned.<String, ScoringInput>as(REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(new ScoringInputSerde())
                    .withNumberOfPartitions(placement.partitions()));
    KStream<String, ScoringInput> scoringInput =
        parsed
            .get("parsed-placed")
            .mapValues(value -> ((Parsed.Valid) value).input(), Named.as("placed-input"))
            .merge(rerouted, Named.as("scoring-input"));
    // Built whether or not a config uses silence: configs change at run time, and a running
    // topology cannot gain a store and its changelog. Unused, they stay empty.
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SilenceWatch.STATES),
            Serdes.String(),
            Serdes.ByteArray()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(SilenceWatch.DEADLINES),
            Serdes.Bytes(),
            Serdes.ByteArray()));
    scoringInput
        .process(
            () -> new SilenceWatch(settings, metrics.scoring(), SILENCE_SCAN),
            Named.as("silence-watch"),
            SilenceWatch.STATES,
            SilenceWatch.DEADLINES)
        .mapValues(value -> ((Scoring.Alert) value).anomaly(), Named.as("silence-anomaly"))
        .to(
            anomalies.name(),
            Produced.with(anomalies.keySerde(), anomalies.valueSerde())
                .withName("silence-anomalies-sink"));
    Map<String, KStream<String, Scoring>> scored =
        scoringInput
            .processValues(
                () -> new ScoringProcessor(settings, options, clock, metrics),
                Named.as("score"),
                ScoringProcessor.MODEL_STORE)
            .split(Named.as("scored-"))
            .branch((key, value) -> value instanceof Scoring.Alert, Branched.as("anomaly"))
            .branch((key, value) -> value instanceof Scoring.Rejected, Branched.as("rejected"))
            .defaultBranch(Branched.as("score"));
    builder.stream(
            topics.modelResets().name(),
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("model-resets-source"))
        .flatMapValues(
            (key, value) -> ModelResetProcessor.accepted(key, value, metrics.models()),
            Named.as("reset-request"))
        .repartition(
            Repartitioned.<String, ResetRequest>as(RESETS)
                .withKeySerde(Serdes.String())
                .withValueSerde(JsonSerde.of(ResetRequest.class))
                .withNumberOfPartitions(placement.partitions())
                .withStreamPartitioner(new ResetPartitioner(placement)))
        .process(
            () -> new ModelResetProcessor(metrics.models()),
            Named.as("reset-models"),
            ScoringProcessor.MODEL_STORE);
    scored
        .get("scored-rejected")
        .mapValues(value -> ((Scoring.Rejected) value).original(), Named.as("rejected-bytes"))
        .to(
            deadLetters.name(),
            Produced.with(deadLetters.keySerde(), deadLetters.valueSerde())
                .withName("rejected-dlq-sink"));
    scored
        .get("scored-anomaly")
        .mapValues(value -> ((Scoring.Alert) value).anomaly(), Named.as("anomaly"))
        .to(
            anomalies.name(),
            Produced.with(anomalies.keySerde(), anomalies.valueSerde()).withName("anomalies-sink"));
    Topic<String, Score> scores = topics.scores();
    scored
        .get("scored-score")
        .mapValues(value -> ((Scoring.EventScore) value).score(), Named.as("score-value"))
        .to(
            scores.name(),
            Produced.with(scores.keySerde(), scores.valueSerde()).withName("scores-sink"));
    return builder.build();
  }

  /** What keys no detector config matches get: the processor's own settings. */
  private static KeySettings defaults(ProcessorConfig config) {
    DetectorFactory factory = new DetectorFactory(config.ewma());
    return factory.settings(
        KeyPattern.ANY.glob(), 0, config.detector(), Map.of(), config.scoringPolicy(), null);
  }
}

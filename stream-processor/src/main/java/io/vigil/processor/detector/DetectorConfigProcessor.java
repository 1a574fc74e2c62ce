package io.vigil.processor.detector;

import io.vigil.processor.metrics.ScoringMetrics;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.config.DetectorConfigParser;
import io.vigil.schemas.event.ParseResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@code detector-configs} store and the {@link KeySettingsRegistry} in step with
 * the compacted {@code detector-config} topic. Kafka Streams also runs it over the topic when it
 * restores the global store, so a restart applies exactly the configs accepted before.
 *
 * <p>A record that does not parse, whose key is not its pattern, or that names an unknown detector
 * or parameter is rejected: logged with its reason and counted, and the previous config of that
 * pattern stays in force. (A global processor cannot write to a topic, so there is no dead letter.)
 * A tombstone removes the pattern's config.
 */
public final class DetectorConfigProcessor implements Processor<String, byte[], Void, Void> {
  /** The global store of accepted configs (record bytes by pattern). */
  public static final String STORE = "detector-configs";

  private static final Logger log = LoggerFactory.getLogger(DetectorConfigProcessor.class);

  private final KeySettingsRegistry settings;
  private final ScoringMetrics metrics;
  private final DetectorConfigParser parser = new DetectorConfigParser();
  private KeyValueStore<String, byte[]> store;

  public DetectorConfigProcessor(KeySettingsRegistry settings, ScoringMetrics metrics) {
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String pattern = record.key();
    if (pattern == null) {
      reject(null, "record key: required (the key pattern)");
      return;
    }
    if (record.value() == null) {
      settings.remove(pattern);
      store.delete(pattern);
      metrics.detectorConfig("removed");
      log.info("detector config of pattern '{}' removed", pattern);
      return;
    }
    ParseResult<DetectorConfig> parsed = parser.parse(pattern, record.value());
    if (parsed instanceof ParseResult.Accepted<DetectorConfig> accepted) {
      apply(accepted.value(), record.value());
    } else if (parsed instanceof ParseResult.Rejected<DetectorConfig> rejected) {
      reject(pattern, rejected.rejection().reason());
    }
  }

  private void apply(DetectorConfig config, byte[] bytes) {
    try {
      settings.apply(config);
    } catch (IllegalArgumentException e) {
      reject(config.pattern(), e.getMessage());
      return;
    }
    store.put(config.pattern(), bytes);
    metrics.detectorConfig("applied");
    log.info(
        "detector config of pattern '{}' version {} applied: {}",
        config.pattern(),
        config.version(),
        config.detector());
  }

  private void reject(String pattern, String reason) {
    metrics.detectorConfig("rejected");
    log.warn(
        "detector config of pattern '{}' rejected, the previous one stays in force: {}",
        pattern,
        reason);
  }
}

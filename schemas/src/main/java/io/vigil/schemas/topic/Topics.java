package io.vigil.schemas.topic;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.config.DetectorConfig;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.score.ScoreSerde;
import io.vigil.schemas.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Vigil's topics: default names behind one configurable prefix. Records are keyed by series key,
 * except {@code detector-config} and {@code model-resets}, keyed by key pattern. The value serdes
 * write the records; consumers that must dead-letter what they cannot parse read raw bytes instead
 * and validate them with the type's parser (for example {@link
 * io.vigil.schemas.event.EventParser}).
 */
public final class Topics {
  private final String prefix;

  private Topics(String prefix) {
    this.prefix = prefix;
  }

  public static Topics withPrefix(String prefix) {
    return new Topics(prefix == null ? "" : prefix);
  }

  public static Topics defaults() {
    return withPrefix("");
  }

  public String prefix() {
    return prefix;
  }

  public Topic<String, Event> events() {
    return new Topic<>(prefix + "events", Serdes.String(), JsonSerde.of(Event.class));
  }

  public Topic<String, byte[]> eventsDeadLetter() {
    return new Topic<>(prefix + "events-dlq", Serdes.String(), Serdes.ByteArray());
  }

  public Topic<String, Anomaly> anomalies() {
    return new Topic<>(prefix + "anomalies", Serdes.String(), JsonSerde.of(Anomaly.class));
  }

  public Topic<String, byte[]> anomaliesDeadLetter() {
    return new Topic<>(prefix + "anomalies-dlq", Serdes.String(), Serdes.ByteArray());
  }

  /** Every event's score (optional output). */
  public Topic<String, Score> scores() {
    return new Topic<>(prefix + "scores", Serdes.String(), new ScoreSerde());
  }

  /** Per-pattern detector settings; compacted, keyed by key pattern, null value deletes. */
  public Topic<String, DetectorConfig> detectorConfig() {
    return new Topic<>(
        prefix + "detector-config", Serdes.String(), JsonSerde.of(DetectorConfig.class));
  }

  /**
   * Operator requests to reset the models of the keys matching a pattern, keyed by the pattern;
   * JSON values read by the stream processor, which applies each exactly once.
   */
  public Topic<String, byte[]> modelResets() {
    return new Topic<>(prefix + "model-resets", Serdes.String(), Serdes.ByteArray());
  }

  /** Feedback records the sink could not read or store, with the reason in headers. */
  public Topic<String, byte[]> feedbackDeadLetter() {
    return new Topic<>(prefix + "feedback-dlq", Serdes.String(), Serdes.ByteArray());
  }

  /** Labels on anomalies (confirmed / false positive), keyed by series key. */
  public Topic<String, Feedback> feedback() {
    return new Topic<>(prefix + "feedback", Serdes.String(), JsonSerde.of(Feedback.class));
  }
}

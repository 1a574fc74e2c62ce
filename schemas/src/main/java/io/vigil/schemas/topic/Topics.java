package io.vigil.schemas.topic;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Vigil's topics: default names behind one configurable prefix. Records are keyed by series key.
 * The events topic's value serde writes {@link Event}s; consumers that must dead-letter what they
 * cannot parse read it as raw bytes instead.
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
}

package io.vigil.bench.kafka;

import io.vigil.bench.detector.SeasonalSeries;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.serde.JsonSerde;
import java.util.Map;

/**
 * The events of a run, as the processor expects them: schema-valid JSON of about 200 bytes (an id
 * and 4 tags), keys {@code bench-0} … {@code bench-<keys-1>} in turn (event {@code i} is key {@code
 * i % keys}'s event number {@code i / keys}), values from the synthetic generator's noisy daily
 * sine at 5-minute steps ({@link SeasonalSeries}), each key at its own phase.
 */
public final class BenchEvents {

  /** Phase step between keys: 37 of the series' 5-minute steps, so neighbours differ. */
  private static final int PHASE = 37;

  /** Keys share 64 hosts, as series share machines. */
  private static final int HOSTS = 64;

  private final int keys;
  private final SeasonalSeries series = SeasonalSeries.of(1);
  private final JsonSerde<Event> serde = JsonSerde.of(Event.class);

  /**
   * @throws IllegalArgumentException if {@code keys} is below 1
   */
  public BenchEvents(int keys) {
    if (keys < 1) {
      throw new IllegalArgumentException("keys must be at least 1, was " + keys);
    }
    this.keys = keys;
  }

  /** The record and body key of event {@code index}. */
  public String key(long index) {
    return "bench-" + (index % keys);
  }

  /** Event {@code index}. */
  public Event event(long index) {
    long key = index % keys;
    long step = index / keys;
    double value = series.features(step + key * PHASE).get(Event.VALUE_FEATURE);
    String name = "bench-" + key;
    Map<String, String> tags =
        Map.of(
            "source", "vigil-bench",
            "region", "eu-west-1",
            "service", "checkout",
            "host", "host-" + key % HOSTS);
    return new Event(name, series.time(step), value, null, name + "-" + step, tags);
  }

  /** Event {@code index} as the JSON the producer sends. */
  public byte[] json(long index) {
    return serde.toBytes(event(index));
  }
}

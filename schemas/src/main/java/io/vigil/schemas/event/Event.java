package io.vigil.schemas.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One measurement of one series. Either {@code value} (univariate) or {@code values} (named
 * features, multivariate) is set, never both. Instances are produced by {@link EventParser}, which
 * enforces the rules of {@code io/vigil/schemas/v1/event.schema.json}.
 *
 * @param key series key, e.g. {@code host-17/cpu}
 * @param timestamp event time
 * @param value the single measurement, or null when {@code values} is set
 * @param values named measurements, or null when {@code value} is set
 * @param id optional producer-side id, used to derive deterministic anomaly ids
 * @param tags optional string labels carried through to anomalies
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Event(
    String key,
    Instant timestamp,
    Double value,
    Map<String, Double> values,
    String id,
    Map<String, String> tags) {

  /** Feature name used for a univariate event's single value. */
  public static final String VALUE_FEATURE = "value";

  public Event {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
    if ((value == null) == (values == null || values.isEmpty())) {
      throw new IllegalArgumentException("exactly one of value or values must be set");
    }
    values = values == null ? null : Map.copyOf(values);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public static Event univariate(String key, Instant timestamp, double value) {
    return new Event(key, timestamp, value, null, null, Map.of());
  }

  public boolean multivariate() {
    return values != null;
  }

  /** The measurements by feature name; a univariate event has the single feature {@code value}. */
  public Map<String, Double> features() {
    return multivariate() ? values : Map.of(VALUE_FEATURE, value);
  }
}

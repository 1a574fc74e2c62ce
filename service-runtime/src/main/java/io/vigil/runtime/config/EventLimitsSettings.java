package io.vigil.runtime.config;

import io.vigil.schemas.event.EventLimits;

/**
 * Reads {@link EventLimits} from settings. Keys (environment name in brackets), defaults from
 * {@link EventLimits#defaults()}:
 *
 * <ul>
 *   <li>{@code vigil.events.max.bytes} ({@code VIGIL_EVENTS_MAX_BYTES}), 65536
 *   <li>{@code vigil.events.max.key.length} ({@code VIGIL_EVENTS_MAX_KEY_LENGTH}), 256
 *   <li>{@code vigil.events.max.features} ({@code VIGIL_EVENTS_MAX_FEATURES}), 64
 *   <li>{@code vigil.events.max.tags} ({@code VIGIL_EVENTS_MAX_TAGS}), 32
 *   <li>{@code vigil.events.max.string.length} ({@code VIGIL_EVENTS_MAX_STRING_LENGTH}), 256
 *   <li>{@code vigil.events.max.future.skew} ({@code VIGIL_EVENTS_MAX_FUTURE_SKEW}), 1h
 *   <li>{@code vigil.events.max.age} ({@code VIGIL_EVENTS_MAX_AGE}), 3650d
 * </ul>
 */
public final class EventLimitsSettings {
  private EventLimitsSettings() {}

  public static EventLimits from(Settings settings) {
    EventLimits d = EventLimits.defaults();
    return new EventLimits(
        settings.integer("vigil.events.max.bytes", d.maxBytes(), 64, 16 * 1024 * 1024),
        settings.integer("vigil.events.max.key.length", d.maxKeyLength(), 1, 65_535),
        settings.integer("vigil.events.max.features", d.maxFeatures(), 1, 10_000),
        settings.integer("vigil.events.max.tags", d.maxTags(), 0, 10_000),
        settings.integer("vigil.events.max.string.length", d.maxStringLength(), 1, 65_535),
        settings.positiveDuration("vigil.events.max.future.skew", d.maxFutureSkew()),
        settings.positiveDuration("vigil.events.max.age", d.maxAge()));
  }
}

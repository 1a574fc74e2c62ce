package io.vigil.sink.scores;

import io.vigil.runtime.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The sink's window of recent scores per series, in Redis, that the console charts (needs the
 * scores topic, {@code vigil.processor.scores.enabled}, and the Redis target):
 *
 * <ul>
 *   <li>{@code vigil.sink.scores.enabled} ({@code VIGIL_SINK_SCORES_ENABLED}, default false)
 *   <li>{@code vigil.sink.scores.window} ({@code VIGIL_SINK_SCORES_WINDOW}, default {@value
 *       #DEFAULT_PER_KEY}): most points kept per series, the newest by event time
 *   <li>{@code vigil.sink.scores.idle.ttl} ({@code VIGIL_SINK_SCORES_IDLE_TTL}, default 1h): a
 *       series' window is dropped once it has had no score for this long
 *   <li>{@code vigil.sink.scores.group} ({@code VIGIL_SINK_SCORES_GROUP}, default {@value
 *       #DEFAULT_GROUP}): consumer group
 * </ul>
 *
 * <p>Memory bound: window × active series × the size of one point (a score's JSON, about 300 bytes
 * for one feature, plus about 60 bytes of sorted-set overhead): 360 points × 10,000 series ≈ 1.3
 * GB, 360 × 1,000 ≈ 130 MB.
 */
public record ScoreWindowSettings(int perKey, Duration idleTtl, String consumerGroup) {
  public static final int DEFAULT_PER_KEY = 360;
  public static final String DEFAULT_GROUP = "vigil-sink-scores";

  public ScoreWindowSettings {
    Objects.requireNonNull(idleTtl, "idleTtl");
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    if (perKey < 1) {
      throw new IllegalArgumentException("the window must keep at least one point");
    }
  }

  /** The window's settings, or null when it is off. */
  public static ScoreWindowSettings from(Settings settings, boolean redisEnabled) {
    boolean enabled = settings.bool("vigil.sink.scores.enabled", false);
    int perKey = settings.integer("vigil.sink.scores.window", DEFAULT_PER_KEY, 1, 100_000);
    Duration idleTtl = settings.positiveDuration("vigil.sink.scores.idle.ttl", Duration.ofHours(1));
    String group = settings.string("vigil.sink.scores.group", DEFAULT_GROUP).trim();
    if (group.isEmpty()) {
      settings.problem("vigil.sink.scores.group (VIGIL_SINK_SCORES_GROUP) must not be empty");
    }
    if (enabled && !redisEnabled) {
      settings.problem(
          "vigil.sink.scores.enabled needs the Redis target (vigil.sink.redis.enabled=true)");
    }
    return enabled && redisEnabled ? new ScoreWindowSettings(perKey, idleTtl, group) : null;
  }
}

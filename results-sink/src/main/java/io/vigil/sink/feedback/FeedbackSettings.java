package io.vigil.sink.feedback;

import io.vigil.runtime.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The feedback loop of the sink (needs the PostgreSQL target): {@code vigil.sink.feedback.enabled}
 * (true), its consumer group {@code vigil.sink.feedback.group} ({@code vigil-sink-feedback}), the
 * precision window {@code vigil.sink.feedback.window} (7d) and refresh {@code
 * vigil.sink.feedback.refresh} (30s).
 */
public record FeedbackSettings(String consumerGroup, Duration window, Duration refresh) {
  public static final String DEFAULT_GROUP = "vigil-sink-feedback";

  public FeedbackSettings {
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(refresh, "refresh");
  }

  /** The feedback settings, or null when feedback is off. */
  public static FeedbackSettings from(Settings settings, boolean postgresEnabled) {
    boolean enabled = settings.bool("vigil.sink.feedback.enabled", true);
    String group = settings.string("vigil.sink.feedback.group", DEFAULT_GROUP).trim();
    if (group.isEmpty()) {
      settings.problem("vigil.sink.feedback.group (VIGIL_SINK_FEEDBACK_GROUP) must not be empty");
    }
    Duration window = settings.positiveDuration("vigil.sink.feedback.window", Duration.ofDays(7));
    Duration refresh =
        settings.positiveDuration("vigil.sink.feedback.refresh", Duration.ofSeconds(30));
    return enabled && postgresEnabled ? new FeedbackSettings(group, window, refresh) : null;
  }
}

package io.vigil.processor.backtest;

import io.vigil.schemas.event.ParseResult;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.FeedbackParser;
import io.vigil.schemas.feedback.Label;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels people gave anomalies, from the feedback topic: the last label of each anomaly id
 * counts (a later click corrects an earlier one). Anomaly ids are deterministic, so a backtest's
 * anomaly of the same event and detector has the id a live one had.
 */
public final class Labels {
  private final Map<String, Label> byAnomaly;
  private final long invalid;

  private Labels(Map<String, Label> byAnomaly, long invalid) {
    this.byAnomaly = Map.copyOf(byAnomaly);
    this.invalid = invalid;
  }

  /** Labels by anomaly id, as given. */
  static Labels of(Map<String, Label> byAnomaly) {
    return new Labels(byAnomaly, 0);
  }

  static Labels read(TopicReader reader, String topic) {
    FeedbackParser parser = new FeedbackParser();
    Map<String, Label> labels = new HashMap<>();
    long[] invalid = {0};
    reader.read(
        topic,
        r -> {
          if (r.value() != null
              && parser.parse(r.value()) instanceof ParseResult.Accepted<Feedback> accepted) {
            labels.put(accepted.value().anomalyId(), accepted.value().label());
          } else {
            invalid[0]++;
          }
        });
    return new Labels(labels, invalid[0]);
  }

  public Optional<Label> of(String anomalyId) {
    return Optional.ofNullable(byAnomaly.get(anomalyId));
  }

  /** Anomalies with a label. */
  public int size() {
    return byAnomaly.size();
  }

  /** Feedback records that were skipped because they are not valid feedback. */
  public long invalid() {
    return invalid;
  }
}

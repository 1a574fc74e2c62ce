package io.vigil.sink.consume;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.AnomalyParser;
import io.vigil.schemas.feedback.Feedback;
import io.vigil.schemas.feedback.FeedbackParser;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.score.ScoreParser;
import io.vigil.schemas.validation.ValidatingParser;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a {@link ConsumerLoop} moves: how its records are read, named in logs, and (when they have
 * one) the event time its end-to-end latency is measured from.
 *
 * @param name singular noun for logs, e.g. {@code anomaly}
 * @param parser validates and reads one record value
 * @param id identifies one record in logs
 * @param eventTime the event time of a record, for {@code vigil_sink_end_to_end_latency_seconds}
 */
public record RecordKind<T>(
    String name,
    ValidatingParser<T> parser,
    Function<T, String> id,
    Optional<Function<T, Instant>> eventTime) {

  public static RecordKind<Anomaly> anomalies() {
    return new RecordKind<>(
        "anomaly", new AnomalyParser(), Anomaly::id, Optional.of(Anomaly::timestamp));
  }

  public static RecordKind<Score> scores() {
    return new RecordKind<>(
        "score",
        new ScoreParser(),
        score -> score.key() + "@" + score.timestamp(),
        Optional.of(Score::timestamp));
  }

  public static RecordKind<Feedback> feedback() {
    return new RecordKind<>(
        "feedback", new FeedbackParser(), Feedback::anomalyId, Optional.empty());
  }
}

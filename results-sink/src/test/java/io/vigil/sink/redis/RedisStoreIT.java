package io.vigil.sink.redis;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Expected;
import io.vigil.schemas.score.Score;
import io.vigil.sink.TestAnomalies;
import io.vigil.sink.consume.BatchWriter;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.scores.ScoreWindowSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@WithLocalStack
class RedisStoreIT {
  private final RedisStore store;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> redis;

  RedisStoreIT(LocalStack stack) {
    String prefix = "it-" + UUID.randomUUID() + ":";
    this.store =
        RedisStore.open(
            new RedisSettings(stack.redisUri(), prefix, Duration.ofSeconds(2), "unused"));
    this.client = RedisClient.create(stack.redisUri());
    this.redis = client.connect();
  }

  @AfterEach
  void close() {
    store.close();
    redis.close();
    client.shutdown();
  }

  @Test
  void shouldKeepTheLatestAnomalyPerKeyWhateverTheDeliveryOrder() {
    BatchWriter<Anomaly> writer = store.writer();
    Anomaly older = anomaly("host-1/cpu", 10);
    Anomaly newer = anomaly("host-1/cpu", 20);
    Anomaly other = anomaly("host-2/cpu", 5);

    writer.write(List.of(newer, other));
    writer.write(List.of(older));
    writer.write(List.of(older, newer));

    assertThat(latest("host-1/cpu")).isEqualTo(newer);
    assertThat(latest("host-2/cpu")).isEqualTo(other);
    assertThat(redis.sync().hgetall(store.keys().latestIndex()))
        .containsOnlyKeys("host-1/cpu", "host-2/cpu")
        .hasEntrySatisfying(
            "host-1/cpu", t -> assertThat(LatestOrder.idOf(t)).isEqualTo(newer.id()));
  }

  @Test
  void shouldKeepABoundedWindowOfScoresWithOnePointPerEventTime() {
    BatchWriter<Score> writer =
        store.scoreWriter(new ScoreWindowSettings(3, Duration.ofMinutes(5), "unused"));
    writer.write(List.of(score("k", 1, 10), score("k", 2, 11), score("other", 1, 99)));
    // A redelivery of the point at 2 (scored again, later), then newer points.
    writer.write(List.of(score("k", 2, 11), score("k", 3, 12), score("k", 4, 13)));
    redis.sync().scriptFlush();
    writer.write(List.of(score("k", 5, 14)));

    List<Score> window = store.lookup().scores("k", 100);
    assertThat(window).extracting(s -> s.values().get("value")).containsExactly(12.0, 13.0, 14.0);
    assertThat(store.lookup().scores("k", 2))
        .extracting(s -> s.values().get("value"))
        .containsExactly(13.0, 14.0);
    assertThat(window.get(2).expected().get("value")).isEqualTo(new Expected(13.0, 12.0, 15.0));
    assertThat(redis.sync().pttl(store.keys().scores("k"))).isBetween(1L, 300_000L);
    assertThat(store.lookup().scores("quiet", 10)).isEmpty();
  }

  private static Score score(String key, int second, double value) {
    Instant at = Instant.parse("2026-03-01T12:00:00Z").plusSeconds(second);
    return new Score(
        key,
        at,
        Instant.now(),
        0.5,
        1.0,
        "ewma",
        false,
        Map.of("value", value),
        Map.of("value", new Expected(value - 1, value - 2, value + 1)),
        null,
        false,
        false);
  }

  @Test
  void shouldCountAnomaliesPerEventTimeMinuteAndSeverity() {
    Anomaly first = anomaly("k", 10);
    store.writer().write(List.of(first, anomaly("j", 20)));

    List<HotViewLookup.MinuteCounts> minutes =
        store.lookup().perMinute(first.timestamp().minusSeconds(60), 3);

    assertThat(minutes).hasSize(3);
    assertThat(minutes.get(0).counts().values()).containsOnly(0L);
    assertThat(minutes.stream().mapToLong(m -> m.counts().get(first.severity())).sum())
        .isEqualTo(2);
  }

  @Test
  void shouldPickTheLatestWithinOneBatch() {
    Anomaly latest = anomaly("k", 30);

    store.writer().write(List.of(anomaly("k", 10), latest, anomaly("k", 20)));

    assertThat(latest("k")).isEqualTo(latest);
  }

  @Test
  void shouldWriteAgainAfterRedisForgotTheScript() {
    BatchWriter<Anomaly> writer = store.writer();
    writer.write(List.of(anomaly("k", 1)));
    redis.sync().scriptFlush();

    Anomaly next = anomaly("k", 2);
    writer.write(List.of(next));

    assertThat(latest("k")).isEqualTo(next);
  }

  @Test
  void shouldAnswerThePingWhenReachable() {
    assertThat(store.health().up()).isTrue();
  }

  private Anomaly latest(String key) {
    return TestAnomalies.read(redis.sync().get(store.keys().latest(key)));
  }
}

package io.vigil.sink.redis;

import static io.vigil.sink.TestAnomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.sink.TestAnomalies;
import io.vigil.sink.consume.AnomalyWriter;
import java.time.Duration;
import java.util.List;
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
    AnomalyWriter writer = store.writer();
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
  void shouldPickTheLatestWithinOneBatch() {
    Anomaly latest = anomaly("k", 30);

    store.writer().write(List.of(anomaly("k", 10), latest, anomaly("k", 20)));

    assertThat(latest("k")).isEqualTo(latest);
  }

  @Test
  void shouldWriteAgainAfterRedisForgotTheScript() {
    AnomalyWriter writer = store.writer();
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

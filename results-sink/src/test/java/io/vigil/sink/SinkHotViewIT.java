package io.vigil.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exactly-once results of at-least-once delivery, in PostgreSQL and in the Redis hot view. */
@WithLocalStack
class SinkHotViewIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int ANOMALIES = 10_000;
  private static final int KEYS = 50;
  private static final int RECENT_PER_KEY = 20;
  private static final int RECENT_ALL = 100;

  private final SinkFixture fixture;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  SinkHotViewIT(LocalStack stack) {
    this.fixture = new SinkFixture(stack);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
    fixture.close();
  }

  @Test
  void shouldStoreEachOfTenThousandAnomaliesOnceWhenSomeAreDeliveredTwice() {
    Map<String, AtomicInteger> published = new ConcurrentHashMap<>();
    StatefulRedisPubSubConnection<String, String> subscriber =
        fixture.redisClient().connectPubSub();
    closeables.add(subscriber::close);
    subscriber.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            published
                .computeIfAbsent(TestAnomalies.read(message).id(), id -> new AtomicInteger())
                .incrementAndGet();
          }
        });
    subscriber.sync().subscribe(fixture.keys().channel());

    List<Anomaly> anomalies = new ArrayList<>();
    Severity[] severities = Severity.values();
    for (int i = 0; i < ANOMALIES; i++) {
      anomalies.add(
          TestAnomalies.anomaly(
              "host-" + (i % KEYS) + "/cpu",
              TestAnomalies.T0.plusSeconds(i),
              severities[i % severities.length]));
    }
    fixture.createTopic();
    // One acknowledged record per series first: a burst into partitions whose leaders are still
    // settling makes the idempotent test producer retry for minutes (out-of-order sequence).
    fixture.send(anomalies.subList(0, KEYS));
    fixture.sendAll(anomalies.subList(KEYS, ANOMALIES));
    List<Anomaly> again = new ArrayList<>();
    for (int i = 0; i < ANOMALIES; i += 7) {
      again.add(anomalies.get(i));
    }
    fixture.sendAll(again);

    Map<String, String> settings = fixture.settings();
    settings.put("vigil.sink.redis.recent.per.key", Integer.toString(RECENT_PER_KEY));
    settings.put("vigil.sink.redis.recent.all", Integer.toString(RECENT_ALL));
    SinkApplication app =
        SinkApplication.start(SinkConfig.from(Settings.of(settings)), Clock.systemUTC());
    closeables.add(app);

    await()
        .atMost(WAIT)
        .until(
            () ->
                fixture.lag(fixture.postgresGroup()) == 0
                    && fixture.lag(fixture.redisGroup()) == 0);

    assertThat(fixture.rows()).isEqualTo(ANOMALIES);
    assertThat(fixture.ids())
        .isEqualTo(anomalies.stream().map(Anomaly::id).collect(Collectors.toSet()));

    RedisCommands<String, String> redis = fixture.redis().sync();
    Map<String, Long> expectedCounts =
        anomalies.stream()
            .collect(
                Collectors.groupingBy(
                    a -> fixture.keys().count(a.severity(), a.timestamp()), Collectors.counting()));
    Map<String, Long> counts = new HashMap<>();
    redis
        .keys(fixture.keys().prefix() + "count:*")
        .forEach(key -> counts.put(key, Long.parseLong(redis.get(key))));
    assertThat(counts).isEqualTo(expectedCounts);
    assertThat(redis.ttl(expectedCounts.keySet().iterator().next())).isPositive();

    for (int k = 0; k < KEYS; k++) {
      List<String> recent = redis.lrange(fixture.keys().recent("host-" + k + "/cpu"), 0, -1);
      assertThat(recent).hasSize(RECENT_PER_KEY);
      assertThat(ids(recent)).hasSize(RECENT_PER_KEY);
    }
    List<String> recentAll = redis.lrange(fixture.keys().recentAll(), 0, -1);
    assertThat(recentAll).hasSize(RECENT_ALL);
    assertThat(ids(recentAll)).hasSize(RECENT_ALL);

    await().atMost(WAIT).until(() -> published.size() == ANOMALIES);
    assertThat(published.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  private static Set<String> ids(List<String> json) {
    Set<String> ids = new HashSet<>();
    json.forEach(j -> ids.add(TestAnomalies.read(j).id()));
    return ids;
  }
}

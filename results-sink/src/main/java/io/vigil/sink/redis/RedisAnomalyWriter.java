package io.vigil.sink.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.consume.BatchWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies each anomaly to the Redis hot view with one Lua script per anomaly, all pipelined: the
 * recent lists (per series and overall), the per-severity minute counter, one publication on the
 * channel, and the series' latest anomaly (stored only if later than the stored one, see {@link
 * LatestOrder}). The script first sets a marker for the anomaly id ({@code SET NX} with a TTL) and
 * does nothing if it was already set, so a redelivered anomaly changes no list, counter or
 * publication; the script runs atomically, so a failure never leaves half an anomaly applied.
 */
final class RedisAnomalyWriter implements BatchWriter<Anomaly> {
  private static final LuaScript SCRIPT = LuaScript.load("anomaly.lua");

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final RedisKeys keys;
  private final Duration timeout;
  private final HotView hotView;
  private final JsonSerde<Anomaly> serde = JsonSerde.of(Anomaly.class);

  RedisAnomalyWriter(
      Supplier<StatefulRedisConnection<String, String>> connection,
      RedisKeys keys,
      Duration timeout,
      HotView hotView) {
    this.connection = connection;
    this.keys = keys;
    this.timeout = timeout;
    this.hotView = hotView;
  }

  @Override
  public void write(List<Anomaly> anomalies) {
    // A batch may hold one anomaly twice (a redelivery); once is enough.
    Map<String, Anomaly> byId = new LinkedHashMap<>();
    anomalies.forEach(anomaly -> byId.putIfAbsent(anomaly.id(), anomaly));
    SCRIPT.runAll(
        connection.get().async(), byId.values().stream().map(this::call).toList(), timeout);
  }

  private LuaScript.Call call(Anomaly anomaly) {
    String[] scriptKeys = {
      keys.seen(anomaly.id()),
      keys.latest(anomaly.key()),
      keys.latestIndex(),
      keys.recent(anomaly.key()),
      keys.recentAll(),
      keys.count(anomaly.severity(), anomaly.timestamp())
    };
    return new LuaScript.Call(
        scriptKeys,
        anomaly.key(),
        LatestOrder.token(anomaly),
        new String(serde.toBytes(anomaly), StandardCharsets.UTF_8),
        Long.toString(hotView.dedupTtl().toSeconds()),
        Integer.toString(hotView.recentPerKey()),
        Integer.toString(hotView.recentAll()),
        Long.toString(hotView.counterTtl().toSeconds()),
        keys.channel());
  }
}

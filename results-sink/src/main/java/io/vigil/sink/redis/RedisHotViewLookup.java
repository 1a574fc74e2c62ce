package io.vigil.sink.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.query.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the hot view the writer keeps: the series' latest anomaly and the overall recent list.
 * Every command is bounded by the connection's command timeout; a disconnected client fails at
 * once.
 */
final class RedisHotViewLookup implements HotViewLookup {
  private static final Logger log = LoggerFactory.getLogger(RedisHotViewLookup.class);

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final RedisKeys keys;
  private final int recentCapacity;
  private final JsonSerde<Anomaly> serde = JsonSerde.of(Anomaly.class);

  RedisHotViewLookup(
      Supplier<StatefulRedisConnection<String, String>> connection,
      RedisKeys keys,
      int recentCapacity) {
    this.connection = connection;
    this.keys = keys;
    this.recentCapacity = recentCapacity;
  }

  @Override
  public Optional<Anomaly> latest(String key) {
    return Optional.ofNullable(redis(c -> c.sync().get(keys.latest(key)))).flatMap(this::read);
  }

  @Override
  public List<Anomaly> recent(int limit) {
    return redis(c -> c.sync().lrange(keys.recentAll(), 0, limit - 1L)).stream()
        .map(this::read)
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public int recentCapacity() {
    return recentCapacity;
  }

  private <T> T redis(Function<StatefulRedisConnection<String, String>, T> command) {
    try {
      return command.apply(connection.get());
    } catch (RedisException e) {
      throw new StoreUnavailableException("Redis query failed: " + e.getMessage(), e);
    }
  }

  /** The writer stored only valid anomalies; anything else is left out, and logged. */
  private Optional<Anomaly> read(String json) {
    try {
      return Optional.of(serde.fromBytes(json.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      log.warn("skipping an unreadable anomaly in the Redis hot view: {}", e.getMessage());
      return Optional.empty();
    }
  }
}

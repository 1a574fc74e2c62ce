package io.vigil.sink.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.query.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the hot view the writers keep: the series' latest anomaly, the overall recent list, the
 * per-minute counters and the series' score window. Every command is bounded by the connection's
 * command timeout; a disconnected client fails at once.
 */
final class RedisHotViewLookup implements HotViewLookup {
  private static final Logger log = LoggerFactory.getLogger(RedisHotViewLookup.class);

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final RedisKeys keys;
  private final int recentCapacity;
  private final JsonSerde<Anomaly> serde = JsonSerde.of(Anomaly.class);
  private final JsonSerde<Score> scoreSerde = JsonSerde.of(Score.class);

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

  @Override
  public List<Score> scores(String key, int limit) {
    return redis(c -> c.sync().zrange(keys.scores(key), -limit, -1)).stream()
        .map(json -> read(scoreSerde, json, "score"))
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public List<MinuteCounts> perMinute(Instant from, int minutes) {
    Instant first = from.truncatedTo(ChronoUnit.MINUTES);
    Severity[] severities = Severity.values();
    String[] counterKeys = new String[minutes * severities.length];
    for (int m = 0; m < minutes; m++) {
      for (int s = 0; s < severities.length; s++) {
        counterKeys[m * severities.length + s] =
            keys.count(severities[s], first.plus(m, ChronoUnit.MINUTES));
      }
    }
    List<KeyValue<String, String>> values = redis(c -> c.sync().mget(counterKeys));
    List<MinuteCounts> result = new ArrayList<>(minutes);
    for (int m = 0; m < minutes; m++) {
      Map<Severity, Long> counts = new EnumMap<>(Severity.class);
      for (int s = 0; s < severities.length; s++) {
        KeyValue<String, String> value = values.get(m * severities.length + s);
        counts.put(severities[s], value.hasValue() ? Long.parseLong(value.getValue()) : 0L);
      }
      result.add(new MinuteCounts(first.plus(m, ChronoUnit.MINUTES), counts));
    }
    return result;
  }

  private <T> T redis(Function<StatefulRedisConnection<String, String>, T> command) {
    try {
      return command.apply(connection.get());
    } catch (RedisException e) {
      throw new StoreUnavailableException("Redis query failed: " + e.getMessage(), e);
    }
  }

  private Optional<Anomaly> read(String json) {
    return read(serde, json, "anomaly");
  }

  /** The writers stored only valid records; anything else is left out, and logged. */
  private static <T> Optional<T> read(JsonSerde<T> serde, String json, String what) {
    try {
      return Optional.of(serde.fromBytes(json.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      log.warn("skipping an unreadable {} in the Redis hot view: {}", what, e.getMessage());
      return Optional.empty();
    }
  }
}

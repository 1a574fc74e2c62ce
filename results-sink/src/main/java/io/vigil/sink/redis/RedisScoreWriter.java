package io.vigil.sink.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vigil.schemas.score.Score;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.consume.BatchWriter;
import io.vigil.sink.scores.ScoreWindowSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps each series' most recent scores in a sorted set by event time ({@code score.lua}, one call
 * per score, pipelined): at most {@link ScoreWindowSettings#perKey()} points, one per event time (a
 * redelivery replaces its own point, so nothing is doubled), and the set expires once the series
 * has had no score for {@link ScoreWindowSettings#idleTtl()}.
 */
final class RedisScoreWriter implements BatchWriter<Score> {
  private static final LuaScript SCRIPT = LuaScript.load("score.lua");

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final RedisKeys keys;
  private final Duration timeout;
  private final ScoreWindowSettings window;
  private final JsonSerde<Score> serde = JsonSerde.of(Score.class);

  RedisScoreWriter(
      Supplier<StatefulRedisConnection<String, String>> connection,
      RedisKeys keys,
      Duration timeout,
      ScoreWindowSettings window) {
    this.connection = connection;
    this.keys = keys;
    this.timeout = timeout;
    this.window = window;
  }

  @Override
  public void write(List<Score> scores) {
    String perKey = Integer.toString(window.perKey());
    String ttl = Long.toString(window.idleTtl().toMillis());
    SCRIPT.runAll(
        connection.get().async(),
        scores.stream()
            .map(
                score ->
                    new LuaScript.Call(
                        new String[] {keys.scores(score.key())},
                        Long.toString(score.timestamp().toEpochMilli()),
                        new String(serde.toBytes(score), StandardCharsets.UTF_8),
                        perKey,
                        ttl))
            .toList(),
        timeout);
  }
}

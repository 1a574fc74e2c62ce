package io.vigil.sink.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.sink.consume.AnomalyWriter;
import io.vigil.sink.consume.WriteFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Keeps each series' latest anomaly in Redis. A Lua script compares the stored anomaly's order
 * token with the new one and writes only if the new one is later (see {@link LatestOrder}), so
 * writes are atomic, idempotent and independent of delivery order. Only the latest anomaly of each
 * series in a batch is sent, all scripts pipelined.
 */
final class RedisAnomalyWriter implements AnomalyWriter {
  private static final String SCRIPT = script("latest.lua");
  private static final String SHA = sha1(SCRIPT);
  private static final BinaryOperator<Anomaly> LATER =
      (a, b) -> LatestOrder.OLDEST_FIRST.compare(a, b) >= 0 ? a : b;

  private final Supplier<StatefulRedisConnection<String, String>> connection;
  private final RedisKeys keys;
  private final Duration timeout;
  private final JsonSerde<Anomaly> serde = JsonSerde.of(Anomaly.class);

  RedisAnomalyWriter(
      Supplier<StatefulRedisConnection<String, String>> connection,
      RedisKeys keys,
      Duration timeout) {
    this.connection = connection;
    this.keys = keys;
    this.timeout = timeout;
  }

  @Override
  public void write(List<Anomaly> anomalies) {
    Map<String, Anomaly> latest = new LinkedHashMap<>();
    anomalies.forEach(anomaly -> latest.merge(anomaly.key(), anomaly, LATER));
    RedisAsyncCommands<String, String> redis = connection.get().async();
    if (!storeAll(redis, latest.values())) {
      // First use, or Redis restarted and forgot its scripts.
      await(redis.scriptLoad(SCRIPT));
      if (!storeAll(redis, latest.values())) {
        throw new WriteFailedException("Redis does not keep the loaded script", null);
      }
    }
  }

  /** Returns false if Redis did not know the script (nothing was written by those calls). */
  private boolean storeAll(RedisAsyncCommands<String, String> redis, Collection<Anomaly> latest) {
    List<RedisFuture<Long>> replies = new ArrayList<>(latest.size());
    for (Anomaly anomaly : latest) {
      String[] scriptKeys = {keys.latest(anomaly.key()), keys.latestIndex()};
      replies.add(
          redis.evalsha(
              SHA,
              ScriptOutputType.INTEGER,
              scriptKeys,
              anomaly.key(),
              LatestOrder.token(anomaly),
              new String(serde.toBytes(anomaly), StandardCharsets.UTF_8)));
    }
    boolean scriptKnown = true;
    for (RedisFuture<Long> reply : replies) {
      try {
        await(reply);
      } catch (WriteFailedException e) {
        if (!(e.getCause() instanceof RedisNoScriptException)) {
          throw e;
        }
        scriptKnown = false;
      }
    }
    return scriptKnown;
  }

  private <T> T await(RedisFuture<T> reply) {
    try {
      return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new WriteFailedException("Redis write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new WriteFailedException("Redis did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteFailedException("interrupted while waiting for Redis", e);
    }
  }

  private static String sha1(String script) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static String script(String name) {
    try (InputStream in = RedisAnomalyWriter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

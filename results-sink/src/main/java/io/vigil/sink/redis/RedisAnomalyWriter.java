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
import java.util.function.Supplier;

/**
 * Applies each anomaly to the Redis hot view with one Lua script per anomaly, all pipelined: the
 * recent lists (per series and overall), the per-severity minute counter, one publication on the
 * channel, and the series' latest anomaly (stored only if later than the stored one, see {@link
 * LatestOrder}). The script first sets a marker for the anomaly id ({@code SET NX} with a TTL) and
 * does nothing if it was already set, so a redelivered anomaly changes no list, counter or
 * publication; the script runs atomically, so a failure never leaves half an anomaly applied.
 */
final class RedisAnomalyWriter implements AnomalyWriter {
  private static final String SCRIPT = script("anomaly.lua");
  private static final String SHA = sha1(SCRIPT);

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
    RedisAsyncCommands<String, String> redis = connection.get().async();
    if (!storeAll(redis, byId.values())) {
      // First use, or Redis restarted and forgot its scripts.
      await(redis.scriptLoad(SCRIPT));
      if (!storeAll(redis, byId.values())) {
        throw new WriteFailedException("Redis does not keep the loaded script", null);
      }
    }
  }

  /** Returns false if Redis did not know the script (nothing was written by those calls). */
  private boolean storeAll(
      RedisAsyncCommands<String, String> redis, Collection<Anomaly> anomalies) {
    List<RedisFuture<Long>> replies = new ArrayList<>(anomalies.size());
    for (Anomaly anomaly : anomalies) {
      String[] scriptKeys = {
        keys.seen(anomaly.id()),
        keys.latest(anomaly.key()),
        keys.latestIndex(),
        keys.recent(anomaly.key()),
        keys.recentAll(),
        keys.count(anomaly.severity(), anomaly.timestamp())
      };
      replies.add(
          redis.evalsha(
              SHA,
              ScriptOutputType.INTEGER,
              scriptKeys,
              anomaly.key(),
              LatestOrder.token(anomaly),
              new String(serde.toBytes(anomaly), StandardCharsets.UTF_8),
              Long.toString(hotView.dedupTtl().toSeconds()),
              Integer.toString(hotView.recentPerKey()),
              Integer.toString(hotView.recentAll()),
              Long.toString(hotView.counterTtl().toSeconds()),
              keys.channel()));
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

package io.vigil.sink.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vigil.sink.query.AnomalyFeed;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hot view's pub/sub channel fanned out to any number of listeners over one subscription,
 * opened with the first listener (and again by a later one if Redis was down then); Lettuce
 * re-subscribes by itself after a reconnect.
 */
final class RedisAnomalyFeed implements AnomalyFeed, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisAnomalyFeed.class);

  private final RedisClient client;
  private final String channel;
  private final Set<Consumer<String>> listeners = new CopyOnWriteArraySet<>();
  private StatefulRedisPubSubConnection<String, String> connection; // guarded by this

  RedisAnomalyFeed(RedisClient client, String channel) {
    this.client = client;
    this.channel = channel;
  }

  @Override
  public Subscription subscribe(Consumer<String> listener) {
    listeners.add(listener);
    connect();
    return () -> listeners.remove(listener);
  }

  private synchronized void connect() {
    if (connection != null) {
      return;
    }
    try {
      StatefulRedisPubSubConnection<String, String> opened = client.connectPubSub();
      opened.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
              listeners.forEach(listener -> deliver(listener, message));
            }
          });
      opened.sync().subscribe(channel);
      connection = opened;
    } catch (RuntimeException e) {
      log.warn(
          "live feed: cannot subscribe to Redis yet (next subscriber retries): {}", e.toString());
    }
  }

  private static void deliver(Consumer<String> listener, String message) {
    try {
      listener.accept(message);
    } catch (RuntimeException e) {
      log.debug("live feed listener failed: {}", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    listeners.clear();
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}

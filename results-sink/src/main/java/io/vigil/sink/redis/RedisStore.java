package io.vigil.sink.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.runtime.http.Health;
import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.score.Score;
import io.vigil.sink.consume.BatchWriter;
import io.vigil.sink.query.AnomalyFeed;
import io.vigil.sink.query.HotViewLookup;
import io.vigil.sink.scores.ScoreWindowSettings;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's Redis side: one client and one shared, auto-reconnecting connection.
 *
 * <p>The connection opens at start-up if Redis is reachable, otherwise on first use, so Redis being
 * down only holds up the Redis target. While it is disconnected commands fail at once instead of
 * queueing, and the consumer's back-off decides when to try again.
 */
public final class RedisStore implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisStore.class);

  private final RedisSettings settings;
  private final ClientResources resources;
  private final RedisClient client;
  private final RedisKeys keys;
  private final RedisAnomalyFeed feed;
  private StatefulRedisConnection<String, String> connection; // guarded by this

  private RedisStore(RedisSettings settings, ClientResources resources, RedisClient client) {
    this.settings = settings;
    this.resources = resources;
    this.client = client;
    this.keys = new RedisKeys(settings.keyPrefix());
    this.feed = new RedisAnomalyFeed(client, keys.channel());
  }

  /** Without command latency metrics. */
  public static RedisStore open(RedisSettings settings) {
    return open(settings, CommandLatencyRecorder.disabled());
  }

  /**
   * Records every command's latency in {@code registry} with Lettuce's own Micrometer recorder:
   * {@code lettuce_command_completion_seconds} and {@code lettuce_command_firstresponse_seconds},
   * tagged by command and server, with histogram buckets so percentiles can be aggregated.
   */
  public static RedisStore open(RedisSettings settings, MeterRegistry registry) {
    return open(
        settings,
        new MicrometerCommandLatencyRecorder(
            registry,
            MicrometerOptions.builder()
                .histogram(true)
                // Commands time out long before this; fewer buckets per command.
                .maxLatency(Duration.ofSeconds(10))
                // Buckets instead of client-side quantiles: those cannot be aggregated.
                .targetPercentiles(new double[0])
                .build()));
  }

  private static RedisStore open(RedisSettings settings, CommandLatencyRecorder latencyRecorder) {
    RedisURI uri = RedisURI.create(settings.uri());
    uri.setTimeout(settings.timeout());
    if (settings.password() != null) {
      // The settings' credentials win over any in the URI (which is then free of secrets).
      if (settings.user() != null) {
        uri.setAuthentication(settings.user(), settings.password());
      } else {
        uri.setAuthentication(settings.password());
      }
    }
    ClientResources resources =
        DefaultClientResources.builder()
            .commandLatencyRecorder(latencyRecorder)
            // The recorder above replaces the periodic latency events on Lettuce's event bus.
            .commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
            .build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(settings.timeout()).build())
            .timeoutOptions(TimeoutOptions.enabled(settings.timeout()))
            .build());
    RedisStore store = new RedisStore(settings, resources, client);
    try {
      store.connection();
    } catch (RuntimeException e) {
      log.warn("Redis not reachable at start-up; connecting again on first use: {}", describe(e));
    }
    return store;
  }

  /** The shared connection, opened now if it never was; throws if Redis cannot be reached. */
  synchronized StatefulRedisConnection<String, String> connection() {
    if (connection == null) {
      connection = client.connect();
    }
    return connection;
  }

  /**
   * The failure with its root cause: Lettuce reports a refused AUTH as "Unable to connect" with
   * {@code WRONGPASS} or {@code NOAUTH} only in the cause, which is what an operator needs.
   */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure.getMessage() + ": " + root.getMessage();
  }

  /** PING answered within the timeout. */
  public Health health() {
    Duration timeout = settings.timeout();
    try {
      String reply = connection().async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Health.up("PING " + reply);
    } catch (ExecutionException e) {
      return Health.down("PING failed: " + e.getCause());
    } catch (TimeoutException e) {
      return Health.down("no PING reply within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down("interrupted");
    } catch (RuntimeException e) {
      return Health.down("unreachable: " + describe(e));
    }
  }

  /** A writer of the hot view: latest per series, recent lists, counters, publications. */
  public BatchWriter<Anomaly> writer() {
    return new RedisAnomalyWriter(this::connection, keys, settings.timeout(), settings.hotView());
  }

  /** A writer of the series' score windows. */
  public BatchWriter<Score> scoreWriter(ScoreWindowSettings window) {
    return new RedisScoreWriter(this::connection, keys, settings.timeout(), window);
  }

  /** The hot view's read side for the query API. */
  public HotViewLookup lookup() {
    return new RedisHotViewLookup(this::connection, keys, settings.hotView().recentAll());
  }

  /** The live feed of new anomalies (the pub/sub channel), closed with the store. */
  public AnomalyFeed feed() {
    return feed;
  }

  public RedisKeys keys() {
    return keys;
  }

  @Override
  public synchronized void close() {
    feed.close();
    if (connection != null) {
      connection.close();
      connection = null;
    }
    client.shutdown(Duration.ZERO, settings.timeout());
    resources.shutdown(0, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}

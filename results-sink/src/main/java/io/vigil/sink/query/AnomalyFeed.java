package io.vigil.sink.query;

import java.util.function.Consumer;

/** New anomalies as they are stored, for live subscribers (the Redis pub/sub channel). */
public interface AnomalyFeed {
  /**
   * Calls {@code listener} with each new anomaly's JSON, on the feed's thread, until the returned
   * subscription is closed. Never throws for an unreachable store: the feed connects again.
   */
  Subscription subscribe(Consumer<String> listener);

  /** An open subscription. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}

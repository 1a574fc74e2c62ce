package io.vigil.sink.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes to Redis.
 *
 * @param uri Redis URI, e.g. {@code redis://cache:6379/0} (lettuce syntax, password and TLS
 *     included)
 * @param keyPrefix prefix of every key the sink writes, e.g. {@code vigil:}
 * @param timeout connect and command timeout; also bounds the readiness PING
 * @param consumerGroup the Redis target's own consumer group
 * @param hotView sizes and lifetimes of the recent lists, counters and dedup markers
 * @param user ACL user to AUTH as, or null for the default user (or the URI's)
 * @param password password to AUTH with, or null: none, or the one in the URI
 */
public record RedisSettings(
    String uri,
    String keyPrefix,
    Duration timeout,
    String consumerGroup,
    HotView hotView,
    String user,
    String password) {
  public RedisSettings {
    Objects.requireNonNull(hotView, "hotView");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(consumerGroup, "consumerGroup");
  }

  /** With the default hot view. */
  public RedisSettings(String uri, String keyPrefix, Duration timeout, String consumerGroup) {
    this(uri, keyPrefix, timeout, consumerGroup, HotView.defaults(), null, null);
  }

  /** Never prints a password that is part of the URI. */
  @Override
  public String toString() {
    return "RedisSettings[uri="
        + uri.replaceAll("//[^@/]*@", "//<credentials>@")
        + ", keyPrefix="
        + keyPrefix
        + ", timeout="
        + timeout
        + ", consumerGroup="
        + consumerGroup
        + ", hotView="
        + hotView
        + ", user="
        + user
        + ", password="
        + (password == null ? "<none>" : "<set>")
        + "]";
  }
}

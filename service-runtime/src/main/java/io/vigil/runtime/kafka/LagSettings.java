package io.vigil.runtime.kafka;

import io.vigil.runtime.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which consumer groups a service watches from outside ({@link ConsumerGroupLagMetrics}): {@code
 * vigil.lag.enabled} (default true), every group whose id starts with {@code
 * vigil.lag.group.prefix} (default {@code vigil-}; empty = none by prefix), the groups listed in
 * {@code vigil.lag.groups} (comma-separated), refreshed every {@code vigil.lag.refresh} (15s).
 */
public record LagSettings(
    boolean enabled, String groupPrefix, Set<String> groups, Duration refresh) {
  public static final String DEFAULT_GROUP_PREFIX = "vigil-";
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(15);

  public LagSettings {
    Objects.requireNonNull(groupPrefix, "groupPrefix");
    Objects.requireNonNull(refresh, "refresh");
    groups = Set.copyOf(groups);
  }

  public static LagSettings from(Settings settings) {
    Set<String> groups =
        Arrays.stream(settings.string("vigil.lag.groups", "").split(","))
            .map(String::trim)
            .filter(group -> !group.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
    return new LagSettings(
        settings.bool("vigil.lag.enabled", true),
        settings.string("vigil.lag.group.prefix", DEFAULT_GROUP_PREFIX).trim(),
        groups,
        settings.positiveDuration("vigil.lag.refresh", DEFAULT_REFRESH));
  }

  /** These settings, also watching {@code more} groups (e.g. the service's own). */
  public LagSettings including(java.util.Collection<String> more) {
    Set<String> all = new java.util.HashSet<>(groups);
    all.addAll(more);
    return new LagSettings(enabled, groupPrefix, all, refresh);
  }

  /** Whether the group with this id is watched. */
  public boolean watches(String groupId) {
    return groups.contains(groupId) || (!groupPrefix.isEmpty() && groupId.startsWith(groupPrefix));
  }
}

package io.vigil.runtime.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigil.runtime.BackgroundThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer lag of Vigil's consumer groups seen from outside the consumers, as Prometheus gauges:
 * every {@link LagSettings#refresh()} the admin client compares each watched group's committed
 * offsets with the partitions' end offsets. Unlike the clients' own {@code records-lag}, it keeps
 * being reported — and keeps growing — while a consumer is dead, stuck or rebalancing.
 *
 * <ul>
 *   <li>{@code vigil_kafka_consumer_group_lag{group,topic,partition}}: records behind
 *   <li>{@code vigil_kafka_consumer_group_committed_offset{group,topic,partition}}
 *   <li>{@code vigil_kafka_topic_end_offset{topic,partition}}: read-committed end offset of the
 *       partitions the groups consume (its rate is the produce rate)
 * </ul>
 *
 * Series of groups or partitions that disappear are removed at the next refresh.
 */
public final class ConsumerGroupLagMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerGroupLagMetrics.class);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final ConsumerGroupLag lag;
  private final LagSettings settings;
  private final MeterRegistry registry;
  private final ScheduledExecutorService scheduler;
  private final Map<Tags, Series> series = new ConcurrentHashMap<>();
  private volatile boolean failing;

  /** A gauge and the value it reads. */
  private record Series(Gauge gauge, AtomicLong value) {}

  private ConsumerGroupLagMetrics(
      Admin admin,
      LagSettings settings,
      MeterRegistry registry,
      ScheduledExecutorService scheduler) {
    this.admin = admin;
    this.lag = new ConsumerGroupLag(admin, ADMIN_TIMEOUT);
    this.settings = settings;
    this.registry = registry;
    this.scheduler = scheduler;
  }

  /**
   * Starts refreshing in the background (first refresh at once).
   *
   * @param adminConfig the Kafka client properties of the service
   */
  public static ConsumerGroupLagMetrics start(
      Map<String, Object> adminConfig, LagSettings settings, MeterRegistry registry) {
    ScheduledExecutorService scheduler = BackgroundThreads.scheduler("vigil-consumer-group-lag");
    ConsumerGroupLagMetrics metrics =
        new ConsumerGroupLagMetrics(Admin.create(adminConfig), settings, registry, scheduler);
    if (settings.enabled()) {
      scheduler.scheduleWithFixedDelay(
          metrics::refreshQuietly, 0, settings.refresh().toMillis(), TimeUnit.MILLISECONDS);
    }
    return metrics;
  }

  private void refreshQuietly() {
    try {
      refresh();
      if (failing) {
        log.info("consumer group lag is readable again");
        failing = false;
      }
    } catch (RuntimeException e) {
      // Kept at the last values until the brokers answer again; said once, not every refresh.
      if (!failing) {
        log.warn("cannot read consumer group lag (the last values stay): {}", e.toString());
        failing = true;
      }
    }
  }

  /** One pass: reads every watched group's positions and updates the gauges. */
  void refresh() {
    Set<Tags> seen = new HashSet<>();
    Map<TopicPartition, Long> ends = new HashMap<>();
    for (String group : watchedGroups()) {
      lag.positions(group)
          .forEach(
              (partition, position) -> {
                Tags tags =
                    Tags.of(
                        "group", group,
                        "topic", partition.topic(),
                        "partition", Integer.toString(partition.partition()));
                set("vigil.kafka.consumer.group.lag", tags, position.lag(), seen);
                set(
                    "vigil.kafka.consumer.group.committed.offset",
                    tags,
                    position.committed(),
                    seen);
                ends.put(partition, position.end());
              });
    }
    ends.forEach(
        (partition, end) ->
            set(
                "vigil.kafka.topic.end.offset",
                Tags.of(
                    "topic",
                    partition.topic(),
                    "partition",
                    Integer.toString(partition.partition())),
                end,
                seen));
    series.keySet().stream()
        .filter(key -> !seen.contains(key))
        .toList()
        .forEach(key -> registry.remove(series.remove(key).gauge()));
  }

  private List<String> watchedGroups() {
    try {
      return admin.listGroups().all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
          .map(GroupListing::groupId)
          .filter(settings::watches)
          .sorted()
          .toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted listing consumer groups", e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list consumer groups: " + e, e);
    }
  }

  private void set(String name, Tags tags, long value, Set<Tags> seen) {
    Tags key = tags.and("__name", name);
    seen.add(key);
    series
        .computeIfAbsent(
            key,
            k -> {
              AtomicLong holder = new AtomicLong();
              Gauge gauge =
                  Gauge.builder(name, holder, AtomicLong::get)
                      .description(description(name))
                      .tags(tags)
                      .register(registry);
              return new Series(gauge, holder);
            })
        .value()
        .set(value);
  }

  private static String description(String name) {
    return switch (name) {
      case "vigil.kafka.consumer.group.lag" ->
          "Records between a consumer group's committed offset and the partition's end, read by"
              + " the admin client (reported while the consumer is down)";
      case "vigil.kafka.consumer.group.committed.offset" -> "A consumer group's committed offset";
      default -> "Read-committed end offset of a partition consumed by a watched group";
    };
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(ADMIN_TIMEOUT);
    series.values().forEach(s -> registry.remove(s.gauge()));
    series.clear();
  }
}

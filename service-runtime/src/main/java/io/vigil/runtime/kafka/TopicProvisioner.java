package io.vigil.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.LeaderNotAvailableException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service needs when they do not exist yet. Existing topics are left as they
 * are: their partition count and settings belong to the operator.
 */
public final class TopicProvisioner {
  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Map<String, Object> adminConfig;

  public TopicProvisioner(Map<String, ?> clientConfig) {
    // Admin settings only (no "unused config" warnings), but with the config providers' own
    // settings (config.providers.<name>.class, ...), without which ${file:...} stays unresolved.
    this.adminConfig =
        Map.copyOf(
            clientConfig.entrySet().stream()
                .filter(
                    e ->
                        AdminClientConfig.configNames().contains(e.getKey())
                            || e.getKey().startsWith(AdminClientConfig.CONFIG_PROVIDERS_CONFIG))
                .collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  /**
   * Waits until every partition of the new topics has a leader. Producing before that draws
   * NOT_LEADER errors whose retries can leave an idempotent producer's sequence numbers out of
   * order with the broker's (seen on a fresh single-node KRaft broker), stalling its sends. Right
   * after creation the broker may not know the topics yet (UNKNOWN_TOPIC_OR_PARTITION): that is
   * "not ready" too.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      if (haveLeaders(admin, names)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("no leader elected for every partition of " + names);
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  private static boolean haveLeaders(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    try {
      Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
      for (TopicDescription topic :
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        for (var partition : topic.partitions()) {
          if (partition.leader() == null || partition.leader().isEmpty()) {
            return false;
          }
          partitions.put(
              new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
        }
      }
      // The metadata may name a leader before that broker serves the partition: ask the leader.
      admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException
          || e.getCause() instanceof NotLeaderOrFollowerException
          || e.getCause() instanceof LeaderNotAvailableException) {
        return false;
      }
      throw e;
    }
  }

  /**
   * The topic's {@code max.message.bytes}: the largest record batch the broker takes for it (the
   * broker's {@code message.max.bytes} unless the topic overrides it).
   *
   * @throws IllegalStateException if the broker cannot be asked or does not know the topic
   */
  public int maxMessageBytes(String topic) {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    try (Admin admin = Admin.create(adminConfig)) {
      Config config =
          admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
      if (entry == null || entry.value() == null) {
        throw new IllegalStateException(
            "no " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " for " + topic);
      }
      return Integer.parseInt(entry.value());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    }
  }

  /** Creates every missing topic and waits until each partition has a leader. */
  public void ensure(Collection<NewTopic> topics) {
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
      if (missing.isEmpty()) {
        return;
      }
      admin
          .createTopics(missing)
          .values()
          .forEach(
              (name, future) -> {
                try {
                  future.get(30, TimeUnit.SECONDS);
                  log.info("created topic {}", name);
                } catch (ExecutionException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                        "cannot create topic " + name + ": " + e.getCause(), e);
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("interrupted while creating topic " + name, e);
                } catch (TimeoutException e) {
                  throw new IllegalStateException("timed out creating topic " + name, e);
                }
              });
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot list topics: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    }
  }

  /**
   * The number of partitions of an existing topic.
   *
   * @throws IllegalStateException naming the topic when it does not exist or cannot be described
   */
  public int partitions(String topic) {
    try (Admin admin = Admin.create(adminConfig)) {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException(
            "topic " + topic + " does not exist: create it, or set vigil.topics.create=true", e);
      }
      throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out describing topic " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing topic " + topic, e);
    }
  }
}

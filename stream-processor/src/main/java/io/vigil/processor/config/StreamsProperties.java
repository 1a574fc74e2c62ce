package io.vigil.processor.config;

import io.vigil.processor.errors.ErrorHandling;
import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.runtime.kafka.DeadLetterLimits;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the processor, from its config. */
public final class StreamsProperties {
  /**
   * A stream thread or instance that dies without leaving its group (a SIGKILL, a crash; Kafka
   * Streams never sends a leave on a thread replacement) holds its tasks until its session times
   * out: 6 s instead of Kafka's 45 s, the lowest a broker accepts by default ({@code
   * group.min.session.timeout.ms}), with a heartbeat every 2 s, so that a standby replica takes
   * over within 10 s ({@code StandbyFailOverIT}; 10 s sessions gave 10–13 s). Unless a {@code
   * KAFKA_*} property sets them.
   */
  static final Map<String, Integer> FAIL_OVER_DEFAULTS =
      Map.of(
          ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
          ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);

  /**
   * The transaction a dead instance left open holds back every {@code read_committed} reader of its
   * output partitions, the survivor's scores included, until the broker aborts it: at its first
   * check ({@code transaction.abort.timed.out.transaction.cleanup.interval.ms}) after the
   * transaction timeout. Kafka Streams' 10 s timeout made that up to 20 s after a SIGKILL (13–19 s
   * measured); a transaction normally lasts one commit interval, so the timeout is that plus this
   * margin (for a slow commit or a GC pause) unless {@code KAFKA_PRODUCER_TRANSACTION_TIMEOUT_MS}
   * (or {@code KAFKA_TRANSACTION_TIMEOUT_MS}) sets it.
   */
  static final Duration TRANSACTION_TIMEOUT_MARGIN = Duration.ofSeconds(4);

  /**
   * Every task reads two topics: its events partition (records already on their key's partition)
   * and its repartition partition (the misplaced ones). With Kafka Streams' default task idling
   * ({@code max.task.idle.ms} 0) a task whose second partition is empty asks on every record
   * whether that partition has lag, and formats its log lines eagerly while doing so: 12 % of the
   * stream thread in a profile. Idling only orders records across partitions by timestamp, which
   * the scoring never relies on (a key's events keep their order within the topic they came by), so
   * it is off unless {@code KAFKA_MAX_TASK_IDLE_MS} sets it.
   */
  static final long TASK_IDLING_DISABLED = StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;

  private StreamsProperties() {}

  /**
   * Puts {@code value} as {@code name} unless the pass-through properties set any of {@code
   * overriddenBy} (the plain name and its prefixed forms that Kafka Streams reads for it).
   */
  private static void defaultUnlessSet(
      Properties properties,
      Map<String, String> client,
      String name,
      Object value,
      String... overriddenBy) {
    for (String key : overriddenBy) {
      if (client.containsKey(key)) {
        return;
      }
    }
    properties.put(name, value);
  }

  /**
   * The pass-through {@code KAFKA_*} properties first, then Vigil's own settings (which win), then
   * the exception handlers with their collaborators.
   */
  public static Properties of(ProcessorConfig config, ErrorMetrics metrics) {
    return of(
        config,
        metrics,
        DeadLetterLimits.fromClientConfig(
            config.kafka().clientConfig(), "producer.", DeadLetterLimit.DEFAULT_MAX_MESSAGE_BYTES));
  }

  /**
   * @param deadLetterLimit what the dead-letter topic and the producer take, see {@link
   *     DeadLetterLimits#forTopic}
   */
  public static Properties of(
      ProcessorConfig config, ErrorMetrics metrics, DeadLetterLimit deadLetterLimit) {
    Properties properties = new Properties();
    properties.putAll(config.kafka().clientProperties());
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    properties.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee().streamsValue());
    properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
    properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
    config
        .instanceId()
        .ifPresent(id -> properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    Map<String, String> client = config.kafka().clientProperties();
    defaultUnlessSet(
        properties,
        client,
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
        TASK_IDLING_DISABLED,
        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    FAIL_OVER_DEFAULTS.forEach(
        (name, value) ->
            defaultUnlessSet(
                properties,
                client,
                StreamsConfig.mainConsumerPrefix(name),
                value,
                name,
                StreamsConfig.consumerPrefix(name),
                StreamsConfig.mainConsumerPrefix(name)));
    String transactionTimeout = ProducerConfig.TRANSACTION_TIMEOUT_CONFIG;
    defaultUnlessSet(
        properties,
        client,
        StreamsConfig.producerPrefix(transactionTimeout),
        (int) config.commitInterval().plus(TRANSACTION_TIMEOUT_MARGIN).toMillis(),
        transactionTimeout,
        StreamsConfig.producerPrefix(transactionTimeout));
    properties.putAll(
        ErrorHandling.streamsProperties(
            metrics, config.topics().eventsDeadLetter().name(), deadLetterLimit));
    return properties;
  }
}

package io.vigil.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.detect.AlertPolicy;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.processor.metrics.ErrorMetrics;
import io.vigil.processor.metrics.ProcessorMetrics;
import io.vigil.runtime.config.ConfigException;
import io.vigil.runtime.config.Settings;
import io.vigil.schemas.event.EventLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ProcessorConfigTest {
  private static final Map<String, String> MINIMAL = Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:9092");

  @Test
  void shouldApplyDefaults() {
    ProcessorConfig config = ProcessorConfig.from(Settings.load(null, MINIMAL));

    assertThat(config.applicationId()).isEqualTo("vigil-processor");
    assertThat(config.kafka().bootstrapServers()).isEqualTo("k:9092");
    assertThat(config.http().port()).isEqualTo(8081);
    assertThat(config.stateDir())
        .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "vigil-processor"));
    assertThat(config.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(config.commitInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.streamThreads()).isEqualTo(1);
    assertThat(config.standbyReplicas()).isZero();
    assertThat(config.eventLimits()).isEqualTo(EventLimits.defaults());
    assertThat(config.ewma()).isEqualTo(EwmaParameters.defaults());
    assertThat(config.alertPolicy()).isEqualTo(AlertPolicy.defaults());
    assertThat(config.topics().events().name()).isEqualTo("events");
    assertThat(config.clientMetricsRefresh()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void shouldGiveATemporaryApplicationItsOwnIdTopicsAndStateAndTheSameScoring() {
    Map<String, String> env = new java.util.HashMap<>(MINIMAL);
    env.put("VIGIL_TOPIC_PREFIX", "prod.");
    env.put("VIGIL_PROCESSOR_STANDBY_REPLICAS", "1");
    env.put("VIGIL_PROCESSOR_INSTANCE_ID", "pod-0");
    env.put("VIGIL_PROCESSOR_THRESHOLD", "0.9999");
    ProcessorConfig live = ProcessorConfig.from(Settings.load(null, env));

    ProcessorConfig run = live.temporary("bt-1", "bt-1-", Path.of("/tmp/bt-1"), true);

    assertThat(run.applicationId()).isEqualTo("bt-1");
    assertThat(run.topics().anomalies().name()).isEqualTo("bt-1-anomalies");
    assertThat(run.kafka().createTopics()).isFalse();
    assertThat(run.stateDir()).isEqualTo(Path.of("/tmp/bt-1"));
    assertThat(run.scoresEnabled()).isTrue();
    assertThat(run.standbyReplicas()).isZero();
    assertThat(run.instanceId()).isEmpty();
    assertThat(run.kafka().clientProperties()).isEqualTo(live.kafka().clientProperties());
    assertThat(run.scoringPolicy()).isEqualTo(live.scoringPolicy());
    assertThat(run.detector()).isEqualTo(live.detector());
    assertThat(run.ewma()).isEqualTo(live.ewma());
  }

  @Test
  void shouldReadTheClientMetricsRefreshAndRejectOneTooShort() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_CLIENT_METRICS_REFRESH", "5s");
    assertThat(ProcessorConfig.from(Settings.load(null, env)).clientMetricsRefresh())
        .isEqualTo(Duration.ofSeconds(5));

    env.put("VIGIL_PROCESSOR_CLIENT_METRICS_REFRESH", "1ms");
    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_PROCESSOR_CLIENT_METRICS_REFRESH")
        .hasMessageContaining("at least 100ms");
  }

  @Test
  void shouldRejectAnEventLimitTooCloseToTheProducersRecordLimit() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_EVENTS_MAX_BYTES", "262144");
    assertThat(ProcessorConfig.from(Settings.load(null, env)).eventLimits().maxBytes())
        .isEqualTo(262_144);

    env.put("VIGIL_EVENTS_MAX_BYTES", "262145");
    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_EVENTS_MAX_BYTES")
        .hasMessageContaining("quarter of the producer's record limit (1048576 bytes");

    env.put("KAFKA_PRODUCER_MAX_REQUEST_SIZE", "4194304");
    assertThat(ProcessorConfig.from(Settings.load(null, env)).eventLimits().maxBytes())
        .isEqualTo(262_145);
  }

  @Test
  void shouldReadTheEscalationForEveryKeyAndRejectOneThatCannotEscalate() {
    assertThat(ProcessorConfig.from(Settings.load(null, MINIMAL)).scoringPolicy().escalation())
        .isEqualTo(ScoringPolicy.DEFAULT_ESCALATION);
    Map<String, String> off = new HashMap<>(MINIMAL);
    off.put("VIGIL_PROCESSOR_ESCALATION", "0");
    assertThat(ProcessorConfig.from(Settings.load(null, off)).scoringPolicy().escalation())
        .isZero();

    Map<String, String> bad = new HashMap<>(MINIMAL);
    bad.put("VIGIL_PROCESSOR_ESCALATION", "0.5");
    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, bad)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_PROCESSOR_ESCALATION")
        .hasMessageContaining("0 (off) or above 1");
  }

  @Test
  void shouldReadTheModelStateSettingsWithTheirDefaults() {
    ProcessorConfig defaults = ProcessorConfig.from(Settings.load(null, MINIMAL));
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_MODEL_CACHE_SIZE", "500");
    env.put("VIGIL_PROCESSOR_MODEL_TTL", "2d");
    env.put("VIGIL_PROCESSOR_ROCKSDB_MEMORY", "128MB");
    env.put("VIGIL_PROCESSOR_SCORES_ENABLED", "true");
    env.put("VIGIL_PROCESSOR_SUPPRESSION", "5m");
    env.put("VIGIL_PROCESSOR_DETECTOR", "seasonal-weekly");
    env.put("VIGIL_PROCESSOR_ADVERTISED_URL", "http://proc-2.internal:9081");
    ProcessorConfig set = ProcessorConfig.from(Settings.load(null, env));

    assertThat(defaults.modelCacheSize()).isEqualTo(10_000);
    assertThat(defaults.modelTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.rocksDbMemoryBytes()).isEqualTo(64L << 20);
    assertThat(defaults.scoresEnabled()).isFalse();
    assertThat(defaults.suppression()).isEqualTo(ScoringPolicy.DEFAULT_SUPPRESSION);
    assertThat(defaults.scoringPolicy()).isEqualTo(ScoringPolicy.defaults());
    assertThat(defaults.detector()).isEqualTo("adaptive");
    assertThat(defaults.advertisedServer(4711)).isEqualTo(new HostInfo("localhost", 4711));
    assertThat(set.modelCacheSize()).isEqualTo(500);
    assertThat(set.modelTtl()).isEqualTo(Duration.ofDays(2));
    assertThat(set.rocksDbMemoryBytes()).isEqualTo(128L << 20);
    assertThat(set.scoresEnabled()).isTrue();
    assertThat(set.detector()).isEqualTo("seasonal-weekly");
    assertThat(set.suppression()).isEqualTo(Duration.ofMinutes(5));
    assertThat(set.advertisedServer(4711)).isEqualTo(new HostInfo("proc-2.internal", 9081));
  }

  @Test
  void shouldRejectBadModelStateSettings() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_ROCKSDB_MEMORY", "lots");
    env.put("VIGIL_PROCESSOR_MODEL_TTL", "0s");
    env.put("VIGIL_PROCESSOR_ADVERTISED_URL", "http://");
    env.put("VIGIL_PROCESSOR_DETECTOR", "magic");

    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_PROCESSOR_DETECTOR")
        .hasMessageContaining("'magic'")
        .hasMessageContaining("VIGIL_PROCESSOR_ROCKSDB_MEMORY")
        .hasMessageContaining("VIGIL_PROCESSOR_MODEL_TTL")
        .hasMessageContaining("VIGIL_PROCESSOR_ADVERTISED_URL");
  }

  @Test
  void shouldReadEveryKeyFromTheEnvironment() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_APPLICATION_ID", "vigil-blue");
    env.put("VIGIL_PROCESSOR_STATE_DIR", "/var/lib/vigil");
    env.put("VIGIL_PROCESSOR_PROCESSING_GUARANTEE", "at_least_once");
    env.put("VIGIL_PROCESSOR_COMMIT_INTERVAL", "250ms");
    env.put("VIGIL_PROCESSOR_STREAM_THREADS", "4");
    env.put("VIGIL_PROCESSOR_STANDBY_REPLICAS", "1");
    env.put("VIGIL_PROCESSOR_EWMA_HALF_LIFE", "10");
    env.put("VIGIL_PROCESSOR_EWMA_BAND_SIGMAS", "2.5");
    env.put("VIGIL_PROCESSOR_EWMA_CLIP_SIGMAS", "4");
    env.put("VIGIL_PROCESSOR_EWMA_MAX_CLIPPED_RUN", "5");
    env.put("VIGIL_PROCESSOR_WARMUP", "30");
    env.put("VIGIL_PROCESSOR_THRESHOLD", "0.9999");
    env.put("VIGIL_EVENTS_MAX_BYTES", "1024");
    env.put("VIGIL_TOPIC_PREFIX", "prod.");
    env.put("VIGIL_HTTP_PORT", "9000");

    ProcessorConfig config = ProcessorConfig.from(Settings.load(null, env));

    assertThat(config.applicationId()).isEqualTo("vigil-blue");
    assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/vigil"));
    assertThat(config.processingGuarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
    assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.streamThreads()).isEqualTo(4);
    assertThat(config.standbyReplicas()).isEqualTo(1);
    assertThat(config.ewma().alpha()).isCloseTo(1 - Math.pow(0.5, 0.1), within(1e-12));
    assertThat(config.ewma().bandSigmas()).isEqualTo(2.5);
    assertThat(config.ewma().clipSigmas()).isEqualTo(4.0);
    assertThat(config.ewma().maxClippedRun()).isEqualTo(5);
    assertThat(config.ewma().warmup()).isEqualTo(30);
    assertThat(config.alertPolicy().warmup()).isEqualTo(30);
    assertThat(config.alertPolicy().threshold()).isEqualTo(0.9999);
    assertThat(config.eventLimits().maxBytes()).isEqualTo(1024);
    assertThat(config.topics().anomalies().name()).isEqualTo("prod.anomalies");
    assertThat(config.http().port()).isEqualTo(9000);
  }

  @Test
  void shouldListEveryProblemAtOnce() {
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_PROCESSOR_PROCESSING_GUARANTEE", "exactly_once");
    env.put("VIGIL_PROCESSOR_EWMA_ALPHA", "0.1");
    env.put("VIGIL_PROCESSOR_EWMA_HALF_LIFE", "10");
    env.put("VIGIL_PROCESSOR_COMMIT_INTERVAL", "1ms");
    env.put("VIGIL_PROCESSOR_SEVERITY_MEDIUM", "0.99999999");
    env.put("VIGIL_PROCESSOR_APPLICATION_ID", "has space");

    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, env)))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .hasSize(6)
                    .anyMatch(p -> p.contains("KAFKA_BOOTSTRAP_SERVERS"))
                    .anyMatch(p -> p.contains("VIGIL_PROCESSOR_PROCESSING_GUARANTEE"))
                    .anyMatch(p -> p.contains("not both"))
                    .anyMatch(p -> p.contains("VIGIL_PROCESSOR_COMMIT_INTERVAL"))
                    .anyMatch(p -> p.contains("severity"))
                    .anyMatch(p -> p.contains("VIGIL_PROCESSOR_APPLICATION_ID")));
  }

  @Test
  void shouldBuildStreamsPropertiesWithVigilSettingsWinning() {
    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("KAFKA_PROCESSING_GUARANTEE", "at_least_once");
    env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    ProcessorConfig config = ProcessorConfig.from(Settings.load(null, env));

    Properties properties =
        StreamsProperties.of(config, new ProcessorMetrics(new SimpleMeterRegistry()).errors());

    assertThat(properties)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "vigil-processor")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000L)
        .containsKey(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
    assertThat(new StreamsConfig(properties).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo("exactly_once_v2");
  }

  @Test
  void shouldTurnTaskIdlingOffUnlessConfigured() {
    ErrorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry()).errors();
    Properties defaults =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, MINIMAL)), metrics);
    assertThat(new StreamsConfig(defaults).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("KAFKA_MAX_TASK_IDLE_MS", "500");
    Properties configured =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, env)), metrics);
    assertThat(new StreamsConfig(configured).getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
        .isEqualTo(500L);
  }

  @Test
  void shouldUseStaticMembershipWithAnInstanceIdAndShortSessionsUnlessConfigured() {
    ErrorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry()).errors();
    Properties dynamic =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, MINIMAL)), metrics);
    assertThat(dynamic)
        .doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)
        .containsEntry("main.consumer.session.timeout.ms", 6_000)
        .containsEntry("main.consumer.heartbeat.interval.ms", 2_000);
    Map<String, Object> consumer = new StreamsConfig(dynamic).getMainConsumerConfigs("g", "c", 1);
    assertThat(consumer)
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
        .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);

    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_INSTANCE_ID", "vigil-processor-0");
    env.put("KAFKA_SESSION_TIMEOUT_MS", "30000");
    Properties fixed =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, env)), metrics);
    assertThat(fixed)
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "vigil-processor-0")
        .doesNotContainKey("main.consumer.session.timeout.ms");
    assertThat(new StreamsConfig(fixed).getMainConsumerConfigs("g", "c", 2))
        .as("Kafka Streams gives each thread its own instance id")
        .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "vigil-processor-0-2")
        .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");

    env.put("VIGIL_PROCESSOR_INSTANCE_ID", "pod 0");
    assertThatThrownBy(() -> ProcessorConfig.from(Settings.load(null, env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("VIGIL_PROCESSOR_INSTANCE_ID");
  }

  @Test
  void shouldTimeTransactionsOutFourSecondsAfterTheCommitIntervalUnlessConfigured() {
    ErrorMetrics metrics = new ProcessorMetrics(new SimpleMeterRegistry()).errors();
    Properties defaults =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, MINIMAL)), metrics);
    assertThat(new StreamsConfig(defaults).getProducerConfigs("c"))
        .as("1 s commit interval + 4 s, not Kafka Streams' 10 s")
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 5_000);

    Map<String, String> env = new HashMap<>(MINIMAL);
    env.put("VIGIL_PROCESSOR_COMMIT_INTERVAL", "30s");
    Properties slow = StreamsProperties.of(ProcessorConfig.from(Settings.load(null, env)), metrics);
    assertThat(new StreamsConfig(slow).getProducerConfigs("c"))
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 34_000);

    // Kafka Streams checks only the producer-prefixed form against the commit interval.
    env.put("KAFKA_PRODUCER_TRANSACTION_TIMEOUT_MS", "60000");
    Properties prefixed =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, env)), metrics);
    assertThat(new StreamsConfig(prefixed).getProducerConfigs("c"))
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");

    Map<String, String> plain = new HashMap<>(MINIMAL);
    plain.put("KAFKA_TRANSACTION_TIMEOUT_MS", "60000");
    Properties configured =
        StreamsProperties.of(ProcessorConfig.from(Settings.load(null, plain)), metrics);
    assertThat(configured).doesNotContainKey("producer.transaction.timeout.ms");
    assertThat(new StreamsConfig(configured).getProducerConfigs("c"))
        .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
  }
}

package io.vigil.processor.config;

import io.vigil.detect.AlertPolicy;
import io.vigil.detect.SeverityBands;
import io.vigil.detect.ewma.EwmaParameters;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.ScoringPolicy;
import io.vigil.processor.detector.DetectorFactory;
import io.vigil.runtime.config.EventLimitsSettings;
import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.KafkaSettings;
import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.runtime.kafka.DeadLetterLimits;
import io.vigil.runtime.kafka.LagSettings;
import io.vigil.schemas.deadletter.DeadLetterLimit;
import io.vigil.schemas.event.EventLimits;
import io.vigil.schemas.topic.Topics;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Everything the stream processor reads from its settings, validated in one place. Keys are given
 * in file form; the environment name is the key in upper case with dots as underscores.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key (environment)</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code vigil.processor.application.id} ({@code VIGIL_PROCESSOR_APPLICATION_ID})</td>
 *       <td>{@code vigil-processor}</td><td>Kafka Streams application id: consumer group,
 *       transactional id and internal topic prefix. Instances with the same id share the work.</td></tr>
 *   <tr><td>{@code vigil.processor.state.dir} ({@code VIGIL_PROCESSOR_STATE_DIR})</td>
 *       <td>{@code ${java.io.tmpdir}/vigil-processor}</td><td>RocksDB state; keep it on a volume
 *       so a restart does not restore the models from the changelog.</td></tr>
 *   <tr><td>{@code vigil.processor.processing.guarantee}
 *       ({@code VIGIL_PROCESSOR_PROCESSING_GUARANTEE})</td><td>{@code exactly_once_v2}</td>
 *       <td>or {@code at_least_once}</td></tr>
 *   <tr><td>{@code vigil.processor.commit.interval} ({@code VIGIL_PROCESSOR_COMMIT_INTERVAL})</td>
 *       <td>{@code 1s}</td><td>Under exactly-once every commit is a transaction, and
 *       {@code read_committed} consumers see anomalies only after it: 1 s bounds that delay to
 *       about a second while keeping transaction overhead (markers on every output partition, the
 *       store flush) far below Kafka's 100 ms EOS default. Range 10ms..10m.</td></tr>
 *   <tr><td>{@code vigil.processor.stream.threads} ({@code VIGIL_PROCESSOR_STREAM_THREADS})</td>
 *       <td>1</td><td>stream threads per instance</td></tr>
 *   <tr><td>{@code vigil.processor.standby.replicas} ({@code VIGIL_PROCESSOR_STANDBY_REPLICAS})</td>
 *       <td>0</td><td>warm copies of each model store on other instances, for fast fail-over;
 *       set 1 when running two or more instances</td></tr>
 *   <tr><td>{@code vigil.processor.instance.id} ({@code VIGIL_PROCESSOR_INSTANCE_ID})</td>
 *       <td>unset</td><td>a name for this instance that stays the same across restarts and is
 *       unique in the application (a StatefulSet pod name, a host name): static group membership
 *       ({@code group.instance.id}), so a restarted instance gets its tasks back at once instead of
 *       after the session timeout. Letters, digits, '.', '_' and '-'.</td></tr>
 *   <tr><td>{@code vigil.processor.detector} ({@code VIGIL_PROCESSOR_DETECTOR})</td>
 *       <td>{@code adaptive}</td><td>detector setup of keys no detector config matches: one
 *       of {@link DetectorCatalog} ({@code ewma}, {@code seasonal}, {@code seasonal-weekly},
 *       {@code rcf}, {@code range}, {@code ensemble}, {@code ensemble-range}, {@code adaptive})</td></tr>
 *   <tr><td>{@code vigil.processor.ewma.alpha} ({@code VIGIL_PROCESSOR_EWMA_ALPHA})</td>
 *       <td>0.02</td><td>EWMA weight of a new observation, in (0,1)</td></tr>
 *   <tr><td>{@code vigil.processor.ewma.half.life} ({@code VIGIL_PROCESSOR_EWMA_HALF_LIFE})</td>
 *       <td>unset</td><td>alternative to alpha, in observations; set one of the two</td></tr>
 *   <tr><td>{@code vigil.processor.ewma.band.sigmas} ({@code VIGIL_PROCESSOR_EWMA_BAND_SIGMAS})</td>
 *       <td>3</td><td>expected band = mean ± k·σ</td></tr>
 *   <tr><td>{@code vigil.processor.ewma.clip.sigmas} ({@code VIGIL_PROCESSOR_EWMA_CLIP_SIGMAS})</td>
 *       <td>3</td><td>outliers beyond this are learned clipped</td></tr>
 *   <tr><td>{@code vigil.processor.ewma.max.clipped.run}
 *       ({@code VIGIL_PROCESSOR_EWMA_MAX_CLIPPED_RUN})</td><td>3</td><td>clipped outliers in a
 *       row before a level shift is learned unclipped</td></tr>
 *   <tr><td>{@code vigil.processor.warmup} ({@code VIGIL_PROCESSOR_WARMUP})</td><td>50</td>
 *       <td>observations of a series (and of each of its features) before it may alert</td></tr>
 *   <tr><td>{@code vigil.processor.threshold} ({@code VIGIL_PROCESSOR_THRESHOLD})</td>
 *       <td>0.99999</td><td>calibrated score that raises an anomaly, see {@link AlertPolicy}</td></tr>
 *   <tr><td>{@code vigil.processor.severity.medium|high|critical}
 *       ({@code VIGIL_PROCESSOR_SEVERITY_MEDIUM} …)</td><td>0.999999, 0.9999999, 0.999999999</td>
 *       <td>lower score bounds of the severities above low, see {@link SeverityBands}</td></tr>
 *   <tr><td>{@code vigil.processor.suppression} ({@code VIGIL_PROCESSOR_SUPPRESSION})</td>
 *       <td>{@code 6h}</td><td>after an anomaly, later anomalies of the key within this event-time
 *       window are suppressed (counted); 0 = off. Default of keys no detector config matches.</td></tr>
 *   <tr><td>{@code vigil.processor.escalation} ({@code VIGIL_PROCESSOR_ESCALATION})</td>
 *       <td>2.5</td><td>an anomaly inside the suppression window is emitted anyway when its
 *       surprise (nines of the score) reaches this multiple of the incident's peak; 0 = never. For
 *       every key, detector configs included.</td></tr>
 *   <tr><td>{@code vigil.processor.model.cache.size} ({@code VIGIL_PROCESSOR_MODEL_CACHE_SIZE})</td>
 *       <td>10000</td><td>deserialised models kept per task (least recently used evicted)</td></tr>
 *   <tr><td>{@code vigil.processor.model.ttl} ({@code VIGIL_PROCESSOR_MODEL_TTL})</td>
 *       <td>{@code 7d}</td><td>models of keys without events for this long (event time) are
 *       deleted</td></tr>
 *   <tr><td>{@code vigil.processor.rocksdb.memory} ({@code VIGIL_PROCESSOR_ROCKSDB_MEMORY})</td>
 *       <td>{@code 64MB}</td><td>RocksDB block cache + memtables of the instance, all stores
 *       together (suffix B, KB, MB, GB)</td></tr>
 *   <tr><td>{@code vigil.processor.advertised.url} ({@code VIGIL_PROCESSOR_ADVERTISED_URL})</td>
 *       <td>{@code http://<vigil.http.host>:<admin port>}, {@code localhost} for a wildcard host</td>
 *       <td>where other instances reach this one's admin server, for interactive queries
 *       ({@code application.server}); {@code host:port} or {@code http://host:port}</td></tr>
 *   <tr><td>{@code vigil.processor.scores.enabled} ({@code VIGIL_PROCESSOR_SCORES_ENABLED})</td>
 *       <td>false</td><td>also write every event's score to the {@code scores} topic</td></tr>
 *   <tr><td>{@code vigil.processor.client.metrics.refresh}
 *       ({@code VIGIL_PROCESSOR_CLIENT_METRICS_REFRESH})</td><td>{@code 30s}</td><td>how often
 *       new Kafka Streams metrics (task-level ones appear after each rebalance) are bound</td></tr>
 * </table>
 *
 * <p>Also read: {@link KafkaSettings} ({@code KAFKA_*} client properties, which may also carry any
 * other Kafka Streams property such as {@code KAFKA_REPLICATION_FACTOR}; the keys above win over
 * them), {@link HttpSettings} (default port 8081), {@link EventLimitsSettings} and {@link
 * LagSettings} (the consumer groups whose lag this instance reports).
 */
public record ProcessorConfig(
    String applicationId,
    KafkaSettings kafka,
    HttpSettings http,
    Path stateDir,
    ProcessingGuarantee processingGuarantee,
    Duration commitInterval,
    int streamThreads,
    int standbyReplicas,
    Optional<String> instanceId,
    EventLimits eventLimits,
    String detector,
    EwmaParameters ewma,
    AlertPolicy alertPolicy,
    Duration suppression,
    double escalation,
    int modelCacheSize,
    Duration modelTtl,
    long rocksDbMemoryBytes,
    boolean scoresEnabled,
    Optional<URI> advertisedUrl,
    Duration clientMetricsRefresh,
    LagSettings lag,
    ApiKeys apiKeys) {

  public static final int DEFAULT_HTTP_PORT = 8081;
  public static final DetectorCatalog DEFAULT_DETECTOR = DetectorCatalog.ADAPTIVE;
  public static final String DEFAULT_APPLICATION_ID = "vigil-processor";
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);
  public static final int DEFAULT_MODEL_CACHE_SIZE = 10_000;
  public static final Duration DEFAULT_MODEL_TTL = Duration.ofDays(7);
  public static final long DEFAULT_ROCKSDB_MEMORY = 64L << 20;

  public ProcessorConfig {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(processingGuarantee, "processingGuarantee");
    Objects.requireNonNull(commitInterval, "commitInterval");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(eventLimits, "eventLimits");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(ewma, "ewma");
    Objects.requireNonNull(alertPolicy, "alertPolicy");
    Objects.requireNonNull(suppression, "suppression");
    Objects.requireNonNull(modelTtl, "modelTtl");
    Objects.requireNonNull(advertisedUrl, "advertisedUrl");
    Objects.requireNonNull(lag, "lag");
    Objects.requireNonNull(apiKeys, "apiKeys");
  }

  /**
   * Reads and validates every setting.
   *
   * @throws io.vigil.runtime.config.ConfigException listing every problem found
   */
  public static ProcessorConfig from(Settings settings) {
    String applicationId =
        settings.string("vigil.processor.application.id", DEFAULT_APPLICATION_ID).trim();
    if (!applicationId.matches("[A-Za-z0-9._-]+")) {
      settings.problem(
          "vigil.processor.application.id (VIGIL_PROCESSOR_APPLICATION_ID) may only contain"
              + " letters, digits, '.', '_' and '-', was '"
              + applicationId
              + "'");
    }
    KafkaSettings kafka = KafkaSettings.from(settings);
    HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP_PORT);
    Path stateDir =
        Path.of(
            settings.string(
                "vigil.processor.state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "vigil-processor").toString()));
    ProcessingGuarantee guarantee =
        settings.enumValue(
            "vigil.processor.processing.guarantee", ProcessingGuarantee.EXACTLY_ONCE_V2);
    Duration commitInterval =
        settings.duration("vigil.processor.commit.interval", DEFAULT_COMMIT_INTERVAL);
    if (commitInterval.compareTo(Duration.ofMillis(10)) < 0
        || commitInterval.compareTo(Duration.ofMinutes(10)) > 0) {
      settings.problem(
          "vigil.processor.commit.interval (VIGIL_PROCESSOR_COMMIT_INTERVAL) must be between 10ms"
              + " and 10m, was "
              + commitInterval);
    }
    int threads = settings.integer("vigil.processor.stream.threads", 1, 1, 64);
    int standbys = settings.integer("vigil.processor.standby.replicas", 0, 0, 8);
    Optional<String> instanceId = instanceId(settings);
    EventLimits limits = EventLimitsSettings.from(settings);
    eventsFitInOneRecord(settings, kafka, limits);
    String detector = detector(settings);
    EwmaParameters ewma = ewma(settings);
    AlertPolicy policy = alertPolicy(settings, ewma.warmup());
    Duration suppression =
        settings.duration("vigil.processor.suppression", ScoringPolicy.DEFAULT_SUPPRESSION);
    if (suppression.isNegative()) {
      settings.problem(
          "vigil.processor.suppression (VIGIL_PROCESSOR_SUPPRESSION) must not be negative");
    }
    double escalation =
        settings.decimal(
            "vigil.processor.escalation", ScoringPolicy.DEFAULT_ESCALATION, 0, 1_000_000);
    if (escalation > 0 && escalation <= 1) {
      settings.problem(
          "vigil.processor.escalation (VIGIL_PROCESSOR_ESCALATION) must be 0 (off) or above 1,"
              + " was "
              + escalation);
    }
    int cacheSize =
        settings.integer(
            "vigil.processor.model.cache.size", DEFAULT_MODEL_CACHE_SIZE, 1, 10_000_000);
    Duration ttl = settings.duration("vigil.processor.model.ttl", DEFAULT_MODEL_TTL);
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      settings.problem("vigil.processor.model.ttl (VIGIL_PROCESSOR_MODEL_TTL) must be at least 1s");
    }
    long rocksDbMemory = rocksDbMemory(settings);
    boolean scores = settings.bool("vigil.processor.scores.enabled", false);
    Optional<URI> advertised = advertisedUrl(settings);
    Duration clientMetricsRefresh =
        settings.duration("vigil.processor.client.metrics.refresh", Duration.ofSeconds(30));
    if (clientMetricsRefresh.compareTo(Duration.ofMillis(100)) < 0) {
      settings.problem(
          "vigil.processor.client.metrics.refresh (VIGIL_PROCESSOR_CLIENT_METRICS_REFRESH) must be"
              + " at least 100ms, was "
              + clientMetricsRefresh);
    }
    LagSettings lag = LagSettings.from(settings);
    ApiKeys apiKeys = apiKeys(settings);
    settings.validate();
    return new ProcessorConfig(
        applicationId,
        kafka,
        http,
        stateDir,
        guarantee,
        commitInterval,
        threads,
        standbys,
        instanceId,
        limits,
        detector,
        ewma,
        policy,
        suppression,
        escalation,
        cacheSize,
        ttl,
        rocksDbMemory,
        scores,
        advertised,
        clientMetricsRefresh,
        lag,
        apiKeys);
  }

  /** Who may call the operator API (model resets); none: that API is off. */
  private static ApiKeys apiKeys(Settings settings) {
    String key = "vigil.processor.api.keys";
    try {
      return ApiKeys.parse(settings.secret(key, ""));
    } catch (IllegalArgumentException e) {
      settings.problem(key + " (" + Settings.envName(key) + "): " + e.getMessage());
      return ApiKeys.parse("");
    }
  }

  /**
   * The host and port other instances use to reach this one's admin server; without an advertised
   * URL, the HTTP host (localhost for a wildcard) and the port the admin server got.
   */
  public HostInfo advertisedServer(int adminPort) {
    if (advertisedUrl.isPresent()) {
      URI url = advertisedUrl.get();
      return new HostInfo(url.getHost(), url.getPort() < 0 ? adminPort : url.getPort());
    }
    String host = http.host();
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isBlank();
    return new HostInfo(wildcard ? "localhost" : host, adminPort);
  }

  private static Optional<URI> advertisedUrl(Settings settings) {
    String key = "vigil.processor.advertised.url";
    String text = settings.string(key, null);
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String withScheme = text.contains("://") ? text.trim() : "http://" + text.trim();
    try {
      URI url = new URI(withScheme);
      if (url.getHost() == null) {
        throw new URISyntaxException(withScheme, "no host");
      }
      return Optional.of(url);
    } catch (URISyntaxException e) {
      settings.problem(
          key
              + " (VIGIL_PROCESSOR_ADVERTISED_URL) must be host:port or http://host:port, was '"
              + text
              + "'");
      return Optional.empty();
    }
  }

  /**
   * An accepted event is written again as a scoring input, an anomaly and a score, each larger than
   * the event by at most its per-feature expectations and explanation. One too large for the
   * producer would fail its transaction every time it is read again, so the event limit keeps a
   * quarter of {@code max.request.size}.
   */
  private static void eventsFitInOneRecord(
      Settings settings, KafkaSettings kafka, EventLimits limits) {
    int maxRequestSize;
    try {
      maxRequestSize =
          DeadLetterLimits.fromClientConfig(
                  kafka.clientConfig(), "producer.", DeadLetterLimit.DEFAULT_MAX_MESSAGE_BYTES)
              .maxBytes();
    } catch (IllegalArgumentException e) {
      settings.problem("max.request.size (KAFKA_MAX_REQUEST_SIZE) is not valid: " + e.getMessage());
      return;
    }
    if (limits.maxBytes() > maxRequestSize / 4) {
      settings.problem(
          "vigil.events.max.bytes (VIGIL_EVENTS_MAX_BYTES) must be at most a quarter of the"
              + " producer's record limit ("
              + maxRequestSize
              + " bytes, from max.request.size), was "
              + limits.maxBytes());
    }
  }

  private static Optional<String> instanceId(Settings settings) {
    String text = settings.string("vigil.processor.instance.id", "").trim();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!text.matches("[A-Za-z0-9._-]{1,200}")) {
      settings.problem(
          "vigil.processor.instance.id (VIGIL_PROCESSOR_INSTANCE_ID) may only contain letters,"
              + " digits, '.', '_' and '-' (at most 200), was '"
              + text
              + "'");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  private static long rocksDbMemory(Settings settings) {
    String key = "vigil.processor.rocksdb.memory";
    String text = settings.string(key, null);
    if (text == null) {
      return DEFAULT_ROCKSDB_MEMORY;
    }
    var matcher =
        java.util.regex.Pattern.compile(
                "(\\d{1,12})\\s*(B|KB|MB|GB)?", java.util.regex.Pattern.CASE_INSENSITIVE)
            .matcher(text.trim());
    if (!matcher.matches()) {
      settings.problem(
          key
              + " (VIGIL_PROCESSOR_ROCKSDB_MEMORY) must be a size such as 64MB, was '"
              + text
              + "'");
      return DEFAULT_ROCKSDB_MEMORY;
    }
    String unit =
        matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(java.util.Locale.ROOT);
    int shift =
        switch (unit) {
          case "KB" -> 10;
          case "MB" -> 20;
          case "GB" -> 30;
          default -> 0;
        };
    long bytes = Long.parseLong(matcher.group(1)) << shift;
    if (bytes < (1L << 20)) {
      settings.problem(
          key + " (VIGIL_PROCESSOR_ROCKSDB_MEMORY) must be at least 1MB, was '" + text + "'");
      return DEFAULT_ROCKSDB_MEMORY;
    }
    return bytes;
  }

  /**
   * This config for a temporary application beside the live one (a backtest): its own application
   * id, topic prefix (topics it writes; it creates them itself) and state directory, scores on or
   * off; every detector and scoring setting unchanged.
   */
  public ProcessorConfig temporary(
      String applicationId, String topicPrefix, Path stateDir, boolean scoresEnabled) {
    KafkaSettings runKafka =
        new KafkaSettings(
            kafka.clientProperties(),
            topicPrefix,
            false,
            kafka.partitions(),
            kafka.replicationFactor());
    return new ProcessorConfig(
        applicationId,
        runKafka,
        http,
        stateDir,
        processingGuarantee,
        commitInterval,
        streamThreads,
        0,
        Optional.empty(),
        eventLimits,
        detector,
        ewma,
        alertPolicy,
        suppression,
        escalation,
        modelCacheSize,
        modelTtl,
        rocksDbMemoryBytes,
        scoresEnabled,
        advertisedUrl,
        clientMetricsRefresh,
        lag,
        apiKeys);
  }

  /** The topics, named with the configured prefix. */
  public Topics topics() {
    return Topics.withPrefix(kafka.topicPrefix());
  }

  private static String detector(Settings settings) {
    String name = settings.string("vigil.processor.detector", DEFAULT_DETECTOR.configName());
    try {
      return DetectorCatalog.byName(name).configName();
    } catch (IllegalArgumentException e) {
      settings.problem(
          "vigil.processor.detector (VIGIL_PROCESSOR_DETECTOR) must be one of "
              + DetectorFactory.names()
              + ", was '"
              + name
              + "'");
      return DEFAULT_DETECTOR.configName();
    }
  }

  /** The scoring policy of keys no detector config matches. */
  public ScoringPolicy scoringPolicy() {
    return new ScoringPolicy(alertPolicy, suppression, escalation);
  }

  private static EwmaParameters ewma(Settings settings) {
    EwmaParameters d = EwmaParameters.defaults();
    boolean alphaSet = settings.string("vigil.processor.ewma.alpha", null) != null;
    boolean halfLifeSet = settings.string("vigil.processor.ewma.half.life", null) != null;
    double alpha = settings.decimal("vigil.processor.ewma.alpha", d.alpha(), 1e-9, 0.999_999);
    if (halfLifeSet) {
      double halfLife = settings.decimal("vigil.processor.ewma.half.life", 34.0, 0.01, 1e9);
      alpha = EwmaParameters.alphaForHalfLife(halfLife);
      if (alphaSet) {
        settings.problem(
            "set either vigil.processor.ewma.alpha (VIGIL_PROCESSOR_EWMA_ALPHA) or"
                + " vigil.processor.ewma.half.life (VIGIL_PROCESSOR_EWMA_HALF_LIFE), not both");
      }
    }
    return new EwmaParameters(
        alpha,
        settings.integer("vigil.processor.warmup", d.warmup(), 2, 1_000_000),
        settings.decimal("vigil.processor.ewma.band.sigmas", d.bandSigmas(), 0.1, 100.0),
        settings.decimal("vigil.processor.ewma.clip.sigmas", d.clipSigmas(), 0.5, 100.0),
        settings.integer("vigil.processor.ewma.max.clipped.run", d.maxClippedRun(), 0, 1_000_000));
  }

  private static AlertPolicy alertPolicy(Settings settings, int warmup) {
    SeverityBands d = SeverityBands.defaults();
    double threshold =
        settings.decimal("vigil.processor.threshold", AlertPolicy.DEFAULT_THRESHOLD, 1e-9, 1.0);
    double medium = settings.decimal("vigil.processor.severity.medium", d.medium(), 1e-9, 1.0);
    double high = settings.decimal("vigil.processor.severity.high", d.high(), 1e-9, 1.0);
    double critical =
        settings.decimal("vigil.processor.severity.critical", d.critical(), 1e-9, 1.0);
    if (!(medium <= high && high <= critical)) {
      settings.problem(
          "vigil.processor.severity.medium <= .high <= .critical must hold, were "
              + medium
              + ", "
              + high
              + ", "
              + critical);
      return AlertPolicy.defaults();
    }
    return new AlertPolicy(threshold, warmup, new SeverityBands(medium, high, critical));
  }
}

package io.vigil.ingest.http;

import io.micrometer.core.instrument.Gauge;
import io.vigil.runtime.Closer;
import io.vigil.runtime.http.AdminServer;
import io.vigil.runtime.kafka.DurableProducers;
import io.vigil.runtime.kafka.TopicProvisioner;
import io.vigil.runtime.metrics.ServiceMetrics;
import io.vigil.schemas.event.Event;
import io.vigil.schemas.event.EventParser;
import io.vigil.schemas.topic.Topic;
import io.vigil.schemas.topic.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;

/**
 * The ingest API service: {@code POST /v1/events} ({@link IngestApi}) served by the {@link
 * AdminServer} next to {@code /metrics}, {@code /health/live} and {@code /health/ready} (ready =
 * the broker acknowledges), one idempotent producer shared by all requests.
 */
public final class IngestApplication implements AutoCloseable {
  /** The {@code service} tag on every metric. */
  public static final String SERVICE_NAME = "ingest-connector";

  private final Closer parts;
  private final AdminServer server;

  private IngestApplication(Closer parts, AdminServer server) {
    this.parts = parts;
    this.server = server;
  }

  /** Creates the events topic if configured to, opens the producer and serves the API. */
  public static IngestApplication start(IngestServiceConfig config, Clock clock) {
    Closer parts = new Closer("ingest connector");
    ServiceMetrics metrics = parts.register("metrics", ServiceMetrics.create(SERVICE_NAME));
    try {
      Topic<String, Event> events = Topics.withPrefix(config.kafka().topicPrefix()).events();
      if (config.kafka().createTopics()) {
        new TopicProvisioner(config.kafka().clientConfig())
            .ensure(
                List.of(
                    new NewTopic(
                        events.name(),
                        config.kafka().partitions(),
                        config.kafka().replicationFactor())));
      }
      Producer<String, Event> producer =
          new KafkaProducer<>(
              producerConfig(config),
              events.keySerde().serializer(),
              events.valueSerde().serializer());
      IngestMetrics ingestMetrics = new IngestMetrics(metrics.registry());
      EventPublisher publisher =
          new EventPublisher(
              producer,
              events.name(),
              config.api().maxInFlightEvents(),
              config.api().sendTimeout(),
              ingestMetrics,
              clock);
      parts.register("event publisher", publisher);
      registerGauges(ingestMetrics, producer, publisher);
      IngestApi api =
          new IngestApi(
              config.api(), new EventParser(config.limits(), clock), publisher, ingestMetrics);
      AdminServer server =
          AdminServer.builder()
              .http(config.http())
              .metrics(metrics.registry())
              .readiness("broker", publisher::health)
              .routes(api::routes)
              .start();
      return new IngestApplication(parts, parts.register("HTTP server", server));
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  /**
   * Pass-through client properties, then what the API's guarantees rest on: idempotence and {@code
   * acks=all} (forced), and the timeouts that bound how long a request may wait.
   */
  static Map<String, Object> producerConfig(IngestServiceConfig config) {
    Map<String, Object> props = DurableProducers.config(config.kafka().clientConfig());
    int delivery = (int) Math.min(Integer.MAX_VALUE, config.api().deliveryTimeout().toMillis());
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.api().sendTimeout().toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
    // delivery.timeout.ms must cover linger.ms + request.timeout.ms.
    int linger = Integer.parseInt(props.get(ProducerConfig.LINGER_MS_CONFIG).toString());
    props.put(
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1, Math.min(30_000, delivery - linger)));
    return props;
  }

  private static void registerGauges(
      IngestMetrics metrics, Producer<String, Event> producer, EventPublisher publisher) {
    Gauge.builder("vigil.ingest.producer.buffer.used", producer, IngestApplication::bufferUsed)
        .description("Bytes of the producer's buffer holding records not yet sent")
        .baseUnit("bytes")
        .register(metrics.registry());
    Gauge.builder("vigil.ingest.in.flight.events", publisher, EventPublisher::inFlightEvents)
        .description("Events sent and not yet acknowledged by the broker")
        .register(metrics.registry());
  }

  private static double bufferUsed(Producer<String, Event> producer) {
    double total = Double.NaN;
    double available = Double.NaN;
    for (Map.Entry<org.apache.kafka.common.MetricName, ? extends Metric> e :
        producer.metrics().entrySet()) {
      if (!"producer-metrics".equals(e.getKey().group())) {
        continue;
      }
      if ("buffer-total-bytes".equals(e.getKey().name())) {
        total = ((Number) e.getValue().metricValue()).doubleValue();
      } else if ("buffer-available-bytes".equals(e.getKey().name())) {
        available = ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    return total - available;
  }

  /** The port of the HTTP server (API and admin endpoints). */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    parts.close();
  }
}

package io.vigil.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Its own class: it stops the JVM-wide broker, and restarts it whatever happens. */
@WithLocalStack
class IngestBrokerOutageIT {
  private final LocalStack stack;

  IngestBrokerOutageIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldAnswer503WhileTheBrokerIsDownAndRecoverByItself() throws Exception {
    Map<String, String> settings =
        IngestClient.settings(
            stack.kafkaBootstrapServers(),
            "vigil.ingest.send.timeout",
            "500ms",
            "vigil.ingest.delivery.timeout",
            "3s");
    try (IngestApplication app =
        IngestApplication.start(IngestClient.config(settings), Clock.systemUTC())) {
      IngestClient client = new IngestClient(app.port());
      assertThat(client.post("application/x-ndjson", event()).statusCode()).isEqualTo(202);

      stack.kafka().stop();
      try {
        HttpResponse<String> first = client.post("application/x-ndjson", event());
        HttpResponse<String> second = client.post("application/x-ndjson", event());

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("Retry-After")).isPresent();
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(client.get("/health/ready").statusCode()).isEqualTo(503);
      } finally {
        stack.kafka().restart();
        awaitEveryPartitionOfANewTopicWritable();
      }

      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> client.post("application/x-ndjson", event()).statusCode() == 202);
      assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
    }
  }

  /**
   * The broker is shared by every IT of this JVM: after the restart, wait until a topic created now
   * takes a record on each partition, so later tests start from a broker that is fully back.
   */
  private void awaitEveryPartitionOfANewTopicWritable() throws Exception {
    String topic = "it-probe-" + UUID.randomUUID();
    Map<String, Object> config = Map.of("bootstrap.servers", stack.kafkaBootstrapServers());
    await()
        .atMost(Duration.ofSeconds(120))
        .ignoreExceptions()
        .until(
            () -> {
              try (Admin admin = Admin.create(config)) {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
              } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                  throw e;
                }
              }
              return true;
            });
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                "bootstrap.servers",
                stack.kafkaBootstrapServers(),
                "acks",
                "all",
                "delivery.timeout.ms",
                120_000),
            new StringSerializer(),
            new StringSerializer())) {
      for (int partition = 0; partition < 3; partition++) {
        producer.send(new ProducerRecord<>(topic, partition, null, "probe")).get();
      }
    }
  }

  private static String event() {
    return "{\"key\":\"a\",\"timestamp\":" + Instant.now().toEpochMilli() + ",\"value\":1}\n";
  }
}

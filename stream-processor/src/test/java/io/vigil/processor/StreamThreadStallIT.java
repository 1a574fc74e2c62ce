package io.vigil.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vigil.localstack.LocalStack;
import io.vigil.localstack.junit.WithLocalStack;
import io.vigil.localstack.kafka.CommittedReader;
import io.vigil.schemas.topic.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fault no handler can fix (the scores topic refuses every record: its {@code max.message.bytes}
 * set too low for any score, yet high enough for transaction markers) replaces stream threads over
 * and over: readiness goes down with the reason and the gauge counts the failures; once the topic
 * is fixed, the next thread commits and the instance is ready again, the event scored once.
 */
@WithLocalStack
class StreamThreadStallIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final LocalStack stack;
  @TempDir Path stateDir;

  StreamThreadStallIT(LocalStack stack) {
    this.stack = stack;
  }

  @Test
  void shouldTakeReadinessDownWhileThreadsFailWithoutProgressAndRecoverAfterwards()
      throws Exception {
    String prefix = "stall-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    Topics topics = Topics.withPrefix(prefix);
    TestProcessors.createTopics(
        stack.kafkaBootstrapServers(),
        topics,
        1,
        // Too small for any score, large enough for a transaction marker.
        Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "150"));
    Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", stack.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  topics.events().name(), "s", TestEvents.json("stall/a", at, 50, "e-1")))
          .get(30, TimeUnit.SECONDS);
    }
    try (ProcessorApplication app =
        TestProcessors.start(stack.kafkaBootstrapServers(), prefix, stateDir)) {
      long started = System.nanoTime();
      await()
          // Stream threads die here on purpose; Awaitility would report their exceptions.
          .dontCatchUncaughtExceptions()
          .atMost(PATIENCE)
          .until(
              () -> {
                HttpResponse<String> ready = get(app, "/health/ready");
                return ready.statusCode() == 503
                    && ready.body().contains("without committing, last: RecordTooLargeException");
              });
      System.out.printf(
          "stalled processor not ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
      assertThat(get(app, "/metrics").body())
          .containsPattern("vigil_processor_stream_thread_failures_without_progress\\{[^}]*} [2-9]")
          .containsPattern(
              "vigil_processor_stream_thread_failures_total\\{[^}]*response=\"replace_thread\"");

      try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
        ConfigResource scores =
            new ConfigResource(ConfigResource.Type.TOPIC, topics.scores().name());
        admin
            .incrementalAlterConfigs(
                Map.of(
                    scores,
                    List.of(
                        new AlterConfigOp(
                            new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""),
                            AlterConfigOp.OpType.DELETE))))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      await()
          .dontCatchUncaughtExceptions()
          .atMost(PATIENCE)
          .until(() -> get(app, "/health/ready").statusCode() == 200);
      assertThat(get(app, "/metrics").body())
          .containsPattern(
              "vigil_processor_stream_thread_failures_without_progress\\{[^}]*} 0\\.0");
    }
    try (CommittedReader reader =
        new CommittedReader(stack.kafkaBootstrapServers(), topics.scores().name(), 1)) {
      await().atMost(PATIENCE).until(() -> reader.poll().size() == 1 && reader.caughtUp());
      assertThat(reader.poll()).as("scored once, whatever the failed attempts").hasSize(1);
    }
  }

  private HttpResponse<String> get(ProcessorApplication app, String path) throws Exception {
    return TestHttp.get(app.adminPort(), path);
  }
}

package io.vigil.processor.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.vigil.runtime.http.ApiKeys;
import io.vigil.runtime.kafka.DurableProducers;
import io.vigil.schemas.serde.Json;
import io.vigil.schemas.serde.JsonSerde;
import io.vigil.schemas.validation.Fields;
import io.vigil.schemas.validation.InvalidFieldException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/models/resets} with {@code {"pattern":"host-7/cpu"}}: an operator resets one
 * key's model, or those of every key matching a pattern. Authenticated ({@code Authorization:
 * Bearer <key>}, {@code vigil.processor.api.keys}); the request is written to the {@code
 * model-resets} topic, acknowledged by every replica, and answered 202 with its offset: the
 * topology applies it exactly once in the tasks that own the keys, on whichever instance they run.
 * 401 without a valid key, 403 when no API keys are configured (the API is off), 400 for a bad
 * body, 503 when Kafka does not acknowledge in time.
 */
public final class ResetApi implements AutoCloseable {
  public static final String PATH = "/v1/models/resets";
  private static final Logger log = LoggerFactory.getLogger(ResetApi.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

  private final ApiKeys keys;
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final ObjectMapper json = Json.newMapper();
  private final JsonSerde<ResetRequest> requests = JsonSerde.of(ResetRequest.class);

  ResetApi(ApiKeys keys, String topic, Producer<String, byte[]> producer) {
    this.keys = keys;
    this.topic = topic;
    this.producer = producer;
  }

  /**
   * The API writing to {@code topic} with a producer of {@code kafkaClientConfig}; without API
   * keys, the API is off and needs no producer.
   */
  public static ResetApi open(ApiKeys keys, String topic, Map<String, Object> kafkaClientConfig) {
    if (keys.isEmpty()) {
      return new ResetApi(keys, topic, null);
    }
    Map<String, Object> config = DurableProducers.config(kafkaClientConfig);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-processor-resets");
    return new ResetApi(
        keys,
        topic,
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
  }

  public void handle(Context ctx) {
    if (keys.isEmpty()) {
      error(ctx, 403, "the operator API is off: set vigil.processor.api.keys");
      return;
    }
    Optional<String> client = keys.clientFor(ctx.header("Authorization"));
    if (client.isEmpty()) {
      error(ctx, 401, "missing or unknown API key");
      return;
    }
    ResetRequest request;
    try {
      request = read(ctx.bodyAsBytes(), client.get());
    } catch (InvalidFieldException e) {
      error(ctx, 400, e.getMessage());
      return;
    }
    try {
      RecordMetadata sent =
          producer
              .send(new ProducerRecord<>(topic, request.pattern(), requests.toBytes(request)))
              .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("model reset of '{}' requested by {}", request.pattern(), request.by());
      ctx.status(202)
          .json(
              Map.of(
                  "pattern",
                  request.pattern(),
                  "by",
                  request.by(),
                  "partition",
                  sent.partition(),
                  "offset",
                  sent.offset()));
    } catch (ExecutionException | TimeoutException e) {
      log.warn("model reset of '{}' not written: {}", request.pattern(), e.toString());
      error(ctx, 503, "the request could not be written to Kafka, retry");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(ctx, 503, "interrupted");
    }
  }

  /** The request of a body {@code {"pattern": …}}, by the authenticated client. */
  private ResetRequest read(byte[] body, String client) {
    if (body.length > ResetRequest.MAX_BYTES) {
      throw new InvalidFieldException("", "body is larger than " + ResetRequest.MAX_BYTES);
    }
    try {
      Fields fields = Fields.of(json.readTree(body));
      return new ResetRequest(fields.text("pattern", 256), client);
    } catch (IOException e) {
      throw new InvalidFieldException("", "body must be a JSON object");
    }
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(Map.of("error", message));
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}

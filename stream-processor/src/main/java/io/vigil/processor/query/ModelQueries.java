package io.vigil.processor.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.vigil.detect.StateFormatException;
import io.vigil.processor.score.ScoringProcessor;
import io.vigil.schemas.serde.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/models/<key>}: the model summary of a key, answered from the local {@code models}
 * store when this instance owns the key's partition, else forwarded once to the owner's {@code
 * application.server}. 404 for a key without a model, 503 while the key has no owner (rebalancing,
 * starting) or its store is not queryable yet, 502 when the owner cannot be reached.
 *
 * <p>Reads see the committed models (the store below the model cache), so an answer never shows a
 * model whose events could still be rolled back.
 */
public final class ModelQueries {
  public static final String PATH = "/v1/models/<key>";
  static final String FORWARDED = "forwarded";
  private static final Logger log = LoggerFactory.getLogger(ModelQueries.class);

  private final KafkaStreams streams;
  private final HostInfo self;
  private final ModelSummaries summaries;
  private final HttpClient http;
  private final Duration timeout;
  private final ObjectMapper json = Json.newMapper();

  public ModelQueries(
      KafkaStreams streams, HostInfo self, ModelSummaries summaries, Duration timeout) {
    this.streams = streams;
    this.self = self;
    this.summaries = summaries;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Answers with {@code queries}, or 503 while they are not set up yet (starting). */
  public static void handle(ModelQueries queries, Context ctx) {
    if (queries == null) {
      ctx.status(503).json(Map.of("error", "starting"));
      return;
    }
    queries.answer(ctx);
  }

  void answer(Context ctx) {
    String key = ctx.pathParam("key");
    KeyQueryMetadata owner;
    try {
      owner =
          streams.queryMetadataForKey(
              ScoringProcessor.MODEL_STORE, key, Serdes.String().serializer());
    } catch (IllegalStateException e) {
      unavailable(ctx, "not running: " + streams.state());
      return;
    }
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      unavailable(ctx, "no instance owns the key right now (rebalancing)");
      return;
    }
    if (owner.activeHost().equals(self) || ctx.queryParam(FORWARDED) != null) {
      local(ctx, key);
    } else {
      forward(ctx, owner.activeHost(), key);
    }
  }

  private void local(Context ctx, String key) {
    byte[] bytes;
    try {
      ReadOnlyKeyValueStore<String, byte[]> store =
          streams.store(
              StoreQueryParameters.fromNameAndType(
                  ScoringProcessor.MODEL_STORE,
                  QueryableStoreTypes.<String, byte[]>keyValueStore()));
      bytes = store.get(key);
    } catch (InvalidStateStoreException e) {
      unavailable(ctx, "model store not queryable: " + e.getMessage());
      return;
    }
    if (bytes == null) {
      respond(ctx, 404, Map.of("error", "no model for key", "key", key));
      return;
    }
    try {
      respond(ctx, 200, summaries.of(key, bytes));
    } catch (StateFormatException e) {
      respond(ctx, 500, Map.of("error", "stored model unreadable: " + e.getMessage()));
    }
  }

  private void forward(Context ctx, HostInfo owner, String key) {
    try {
      // Quotes what must be quoted but keeps the key's slashes (the route takes them).
      URI uri =
          new URI(
              "http",
              null,
              owner.host(),
              owner.port(),
              "/v1/models/" + key,
              FORWARDED + "=true",
              null);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      ctx.status(response.statusCode()).contentType("application/json").result(response.body());
    } catch (URISyntaxException e) {
      respond(ctx, 400, Map.of("error", "key cannot be forwarded: " + e.getMessage()));
    } catch (IOException e) {
      log.warn("owner {} of a queried key is unreachable: {}", owner, e.toString());
      respond(ctx, 502, Map.of("error", "owner " + owner + " unreachable: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable(ctx, "interrupted");
    }
  }

  private void unavailable(Context ctx, String reason) {
    respond(ctx, 503, Map.of("error", reason));
  }

  private void respond(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

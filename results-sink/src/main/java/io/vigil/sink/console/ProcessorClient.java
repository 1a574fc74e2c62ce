package io.vigil.sink.console;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * What the console asks the processor over HTTP: a key's model summary ({@code /v1/models/<key>},
 * answered by whichever instance owns the key), its readiness and its metrics.
 */
final class ProcessorClient {
  private static final String EVENTS_SCORED = "vigil_processor_events_scored_total";

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  ProcessorClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** An answer passed on as it came: status and JSON body. */
  record Answer(int status, String body) {}

  Answer model(String key) throws IOException, InterruptedException {
    try {
      // Quotes what must be quoted but keeps the key's slashes (the route takes them).
      URI uri =
          new URI(
              base.getScheme(),
              null,
              base.getHost(),
              base.getPort(),
              base.getPath() + "/v1/models/" + key,
              null,
              null);
      HttpResponse<String> response = get(uri);
      return new Answer(response.statusCode(), response.body());
    } catch (URISyntaxException e) {
      return new Answer(400, "{\"error\":\"key cannot be sent to the processor\"}");
    }
  }

  /** Whether {@code /health/ready} answers 200. */
  boolean ready() {
    try {
      return get(base.resolve(base.getPath() + "/health/ready")).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Events scored so far over the processor's partitions, if its metrics answer. */
  Optional<Double> eventsScored() {
    try {
      HttpResponse<String> response = get(base.resolve(base.getPath() + "/metrics"));
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(PrometheusText.sum(response.body(), EVENTS_SCORED));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.vigil.ingest.http;

import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Test helper: an ingest API configuration and an HTTP client that posts batches to it. */
final class IngestClient {
  static final String KEY = "test-key-0123456789abcdef0123456789abcdef";
  static final String CLIENT = "client-a";

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  IngestClient(int port) {
    this.port = port;
  }

  /** Settings for an API on a free port, a fresh topic prefix and one client with {@link #KEY}. */
  static Map<String, String> settings(String bootstrap, String... overrides) {
    Map<String, String> values = new HashMap<>();
    values.put("kafka.bootstrap.servers", bootstrap);
    values.put("vigil.topic.prefix", "it-" + UUID.randomUUID() + ".");
    values.put("vigil.http.host", "127.0.0.1");
    values.put("vigil.http.port", "0");
    values.put("vigil.ingest.api.keys", CLIENT + ":" + ApiKeys.hash(KEY));
    for (int i = 0; i + 1 < overrides.length; i += 2) {
      values.put(overrides[i], overrides[i + 1]);
    }
    return values;
  }

  static IngestServiceConfig config(Map<String, String> settings) {
    return IngestServiceConfig.from(Settings.of(settings));
  }

  HttpResponse<String> post(String contentType, String body) throws Exception {
    return post(contentType, body, KEY);
  }

  HttpResponse<String> post(String contentType, String body, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

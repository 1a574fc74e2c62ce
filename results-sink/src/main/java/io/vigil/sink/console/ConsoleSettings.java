package io.vigil.sink.console;

import io.vigil.runtime.config.Settings;
import io.vigil.runtime.http.ApiKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The web console on the sink's HTTP port:
 *
 * <ul>
 *   <li>{@code vigil.console.enabled} ({@code VIGIL_CONSOLE_ENABLED}, default true): pages and
 *       their JSON; reading needs no login, like the query API beside it
 *   <li>{@code vigil.console.api.keys} ({@code VIGIL_CONSOLE_API_KEYS}, or a file named by {@code
 *       VIGIL_CONSOLE_API_KEYS_FILE}): who may label anomalies, {@code client:<sha256 hex>,...} as
 *       for the ingest API ({@code ./vigil hash-key}); empty (the default) makes the console
 *       read-only
 *   <li>{@code vigil.console.processor.url} ({@code VIGIL_CONSOLE_PROCESSOR_URL}): the processor's
 *       HTTP address, e.g. {@code http://processor:8081}, for model summaries and its health; none
 *       by default
 *   <li>{@code vigil.console.processor.timeout} ({@code VIGIL_CONSOLE_PROCESSOR_TIMEOUT}, default
 *       2s)
 * </ul>
 */
public record ConsoleSettings(
    boolean enabled, ApiKeys writers, Optional<URI> processor, Duration processorTimeout) {

  public ConsoleSettings {
    Objects.requireNonNull(writers, "writers");
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(processorTimeout, "processorTimeout");
  }

  /** Feedback buttons work only with at least one key configured. */
  public boolean writable() {
    return !writers.isEmpty();
  }

  public static ConsoleSettings from(Settings settings) {
    boolean enabled = settings.bool("vigil.console.enabled", true);
    ApiKeys writers = ApiKeys.parse("");
    try {
      writers = ApiKeys.parse(settings.secret("vigil.console.api.keys", ""));
    } catch (IllegalArgumentException e) {
      settings.problem("vigil.console.api.keys (VIGIL_CONSOLE_API_KEYS): " + e.getMessage());
    }
    String url = settings.string("vigil.console.processor.url", "").trim();
    Optional<URI> processor = Optional.empty();
    if (!url.isEmpty()) {
      try {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null) {
          throw new IllegalArgumentException("not an http(s) URL");
        }
        processor = Optional.of(uri);
      } catch (IllegalArgumentException e) {
        settings.problem(
            "vigil.console.processor.url (VIGIL_CONSOLE_PROCESSOR_URL) must be an http(s) URL"
                + " such as http://processor:8081, was '"
                + url
                + "'");
      }
    }
    Duration timeout =
        settings.positiveDuration("vigil.console.processor.timeout", Duration.ofSeconds(2));
    return new ConsoleSettings(enabled, writers, processor, timeout);
  }
}

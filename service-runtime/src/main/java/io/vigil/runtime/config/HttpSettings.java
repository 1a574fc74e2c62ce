package io.vigil.runtime.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a service's HTTP server listens: {@code vigil.http.host} (default all interfaces), {@code
 * vigil.http.port} (0 picks a free port), and optionally HTTPS ({@link TlsSettings}).
 */
public record HttpSettings(String host, int port, Optional<TlsSettings> tls) {
  public HttpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(tls, "tls");
  }

  /** Plain HTTP. */
  public HttpSettings(String host, int port) {
    this(host, port, Optional.empty());
  }

  public static HttpSettings from(Settings settings, int defaultPort) {
    return new HttpSettings(
        settings.string("vigil.http.host", "0.0.0.0"),
        settings.integer("vigil.http.port", defaultPort, 0, 65_535),
        TlsSettings.from(settings));
  }
}

package io.vigil.runtime.config;

/**
 * Where a service's HTTP server listens: {@code vigil.http.host} (default all interfaces) and
 * {@code vigil.http.port} (0 picks a free port).
 */
public record HttpSettings(String host, int port) {
  public static HttpSettings from(Settings settings, int defaultPort) {
    return new HttpSettings(
        settings.string("vigil.http.host", "0.0.0.0"),
        settings.integer("vigil.http.port", defaultPort, 0, 65_535));
  }
}

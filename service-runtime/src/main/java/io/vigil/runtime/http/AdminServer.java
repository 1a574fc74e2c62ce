package io.vigil.runtime.http;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.runtime.config.HttpSettings;
import io.vigil.runtime.config.TlsSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTP endpoints every Vigil service serves: {@code /metrics} (Prometheus), {@code
 * /health/live} and {@code /health/ready}. Services add their own routes through {@link
 * Builder#routes}.
 */
public final class AdminServer implements AutoCloseable {
  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final Javalin app;

  private AdminServer(Javalin app) {
    this.app = app;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The bound port (useful when the builder was given port 0). */
  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** Options for an {@link AdminServer}. */
  public static final class Builder {
    private String host = "0.0.0.0";
    private int port;
    private Optional<TlsSettings> tls = Optional.empty();
    private PrometheusMeterRegistry registry;
    private final Map<String, HealthCheck> readiness = new LinkedHashMap<>();
    private Consumer<RoutesConfig> routes = r -> {};

    private Builder() {}

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** Port to listen on; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Host, port and TLS from a service's settings. */
    public Builder http(HttpSettings http) {
      host(http.host());
      port(http.port());
      this.tls = http.tls();
      return this;
    }

    public Builder metrics(PrometheusMeterRegistry registry) {
      this.registry = registry;
      return this;
    }

    /** Adds a check that must be up for {@code /health/ready} to answer 200. */
    public Builder readiness(String name, HealthCheck check) {
      readiness.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
      return this;
    }

    /** The service's own routes. */
    public Builder routes(Consumer<RoutesConfig> routes) {
      this.routes = Objects.requireNonNull(routes);
      return this;
    }

    public AdminServer start() {
      Objects.requireNonNull(registry, "metrics registry");
      // Copied in insertion order, so the readiness answer lists checks as they were added.
      Map<String, HealthCheck> checks = Collections.unmodifiableMap(new LinkedHashMap<>(readiness));
      HttpRequestMetrics requests = new HttpRequestMetrics(registry);
      Javalin app =
          Javalin.create(
              config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.requestLogger.http(requests::record);
                config.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType(PROMETHEUS_CONTENT_TYPE).result(registry.scrape()));
                config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
                config.routes.get("/health/ready", ctx -> ready(ctx, checks));
                routes.accept(config.routes);
                tls.ifPresent(
                    t -> config.jetty.addConnector((server, http) -> https(server, http, t)));
              });
      if (tls.isPresent()) {
        app.start();
      } else {
        app.start(host, port);
      }
      return new AdminServer(app);
    }

    /** The only connector when TLS is configured: HTTPS on the configured host and port. */
    private ServerConnector https(Server server, HttpConfiguration http, TlsSettings tls) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(tls.keyStore().toString());
      ssl.setKeyStorePassword(tls.password());
      ssl.setKeyStoreType("PKCS12");
      HttpConfiguration secure = new HttpConfiguration(http);
      secure.addCustomizer(new SecureRequestCustomizer());
      ServerConnector connector =
          new ServerConnector(server, ssl, new HttpConnectionFactory(secure));
      connector.setHost(host);
      connector.setPort(port);
      return connector;
    }

    private static void ready(Context ctx, Map<String, HealthCheck> checks) {
      Map<String, Health> results =
          checks.entrySet().stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey,
                      e -> e.getValue().checkSafely(),
                      (a, b) -> a,
                      LinkedHashMap::new));
      boolean up = results.values().stream().allMatch(Health::up);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "UP" : "DOWN");
      body.put(
          "checks",
          results.entrySet().stream()
              .collect(
                  Collectors.toMap(
                      Map.Entry::getKey,
                      e -> checkBody(e.getValue()),
                      (a, b) -> a,
                      LinkedHashMap::new)));
      ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }

    /** Status first, then detail: the order people read it in. */
    private static Map<String, String> checkBody(Health health) {
      Map<String, String> body = new LinkedHashMap<>();
      body.put("status", health.up() ? "UP" : "DOWN");
      body.put("detail", health.detail());
      return body;
    }
  }
}

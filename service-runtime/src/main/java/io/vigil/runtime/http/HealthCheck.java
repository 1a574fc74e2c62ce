package io.vigil.runtime.http;

/** A readiness check; must be cheap and must not block, it runs on every probe. */
@FunctionalInterface
public interface HealthCheck {
  Health check();
}

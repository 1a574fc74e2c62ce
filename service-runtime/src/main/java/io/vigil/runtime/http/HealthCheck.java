package io.vigil.runtime.http;

/** A readiness check; must be cheap and must not block, it runs on every probe. */
@FunctionalInterface
public interface HealthCheck {
  Health check();

  /** The check's result, a failing or silent check counting as down. */
  default Health checkSafely() {
    try {
      Health health = check();
      return health == null ? Health.down("check returned no result") : health;
    } catch (RuntimeException e) {
      return Health.down("check failed: " + e);
    }
  }
}

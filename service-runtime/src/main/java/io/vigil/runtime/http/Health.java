package io.vigil.runtime.http;

/** The state of one readiness check, with a short human-readable detail (never null). */
public record Health(boolean up, String detail) {
  public Health {
    detail = detail == null ? "" : detail;
  }

  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}

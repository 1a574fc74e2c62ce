package io.vigil.runtime.http;

/** The state of one readiness check, with a short human-readable detail. */
public record Health(boolean up, String detail) {
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}

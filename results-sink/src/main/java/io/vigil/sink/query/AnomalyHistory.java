package io.vigil.sink.query;

/** The anomaly history (PostgreSQL). */
public interface AnomalyHistory {
  /** Throws {@link StoreUnavailableException} when the store cannot answer. */
  Page find(AnomalyQuery query);
}

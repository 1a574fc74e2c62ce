package io.vigil.sink.consume;

import io.vigil.schemas.anomaly.Anomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A writer whose next calls fail as scripted; keeps every attempt and what was written, and notes
 * each call in the shared journal.
 */
final class ScriptedWriter implements BatchWriter<Anomaly> {
  private final Consumer<String> journal;
  private final List<List<Anomaly>> attempts = new ArrayList<>();
  private final List<Anomaly> written = new ArrayList<>();
  private int failuresLeft;
  private Runnable onFailure = () -> {};
  private String rejectedKey;

  ScriptedWriter(Consumer<String> journal) {
    this.journal = journal;
  }

  synchronized ScriptedWriter failNext(int times) {
    failuresLeft = times;
    return this;
  }

  /** Every batch holding an anomaly of this series is refused as bad data. */
  synchronized ScriptedWriter reject(String key) {
    rejectedKey = key;
    return this;
  }

  /** Runs on the loop thread during each failing call. */
  synchronized ScriptedWriter onFailure(Runnable action) {
    onFailure = action;
    return this;
  }

  @Override
  public synchronized void write(List<Anomaly> anomalies) {
    attempts.add(List.copyOf(anomalies));
    if (failuresLeft > 0) {
      failuresLeft--;
      journal.accept("write failed " + anomalies.size());
      onFailure.run();
      throw new IllegalStateException("target down (scripted)");
    }
    if (anomalies.stream().anyMatch(a -> a.key().equals(rejectedKey))) {
      journal.accept("rejected " + anomalies.size());
      throw new RejectedWriteException("constraint violated (scripted)", null);
    }
    written.addAll(anomalies);
    journal.accept("written " + anomalies.size());
  }

  synchronized List<List<Anomaly>> attempts() {
    return List.copyOf(attempts);
  }

  synchronized List<Anomaly> written() {
    return List.copyOf(written);
  }
}

package io.vigil.processor.score;

import io.vigil.detect.StateFormatException;
import io.vigil.detect.StateMapper;
import io.vigil.processor.metrics.ProcessorMetrics;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-series models in a changelogged key-value store of bytes. The store stays bytes (not a typed
 * serde) so that one store can hold any detector's versioned state and an unreadable entry is a
 * counted reset rather than a crashed task.
 */
final class ModelStore<M> {
  private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

  private final KeyValueStore<String, byte[]> store;
  private final StateMapper<M> mapper;
  private final Supplier<M> fresh;
  private final ProcessorMetrics metrics;

  ModelStore(
      KeyValueStore<String, byte[]> store,
      StateMapper<M> mapper,
      Supplier<M> fresh,
      ProcessorMetrics metrics) {
    this.store = store;
    this.mapper = mapper;
    this.fresh = fresh;
    this.metrics = metrics;
  }

  /** The stored model of {@code key}; a new one if there is none or it cannot be read. */
  M load(String key) {
    byte[] bytes = store.get(key);
    if (bytes == null) {
      return fresh.get();
    }
    try {
      return mapper.fromBytes(bytes);
    } catch (StateFormatException e) {
      // Losing one series' history beats stopping every series in the task on it.
      log.warn("stored model of series {} is unreadable, starting afresh: {}", key, e.getMessage());
      metrics.modelReset("unreadable");
      return fresh.get();
    }
  }

  void save(String key, M model) {
    store.put(key, mapper.toBytes(model));
  }
}
